package site

import (
	"errors"
	"os"
	"path/filepath"
)

// ErrOutput marks errors about the output folder (or the handbook's
// folder): it cannot be created or written. CheckOutput's errors wrap it,
// so callers can tell "fix the folder" from other failures.
var ErrOutput = errors.New("output folder unusable")

// OutputError is a CheckOutput failure: which folder, what is wrong with
// it (one of the Output… problems, so callers can word it in their own
// language) and the system's reason.
type OutputError struct {
	Dir     string
	Problem string
	Err     error
}

// The problems an OutputError names.
const (
	OutputNotDir      = "notdir"      // a file, not a folder, is in the way
	OutputNoCreate    = "nocreate"    // the folder cannot be created
	OutputNotWritable = "notwritable" // nothing can be written in it
	OutputPDFIsDir    = "pdfisdir"    // the handbook's file name is a folder
)

var outputWords = map[string]string{
	OutputNotDir:      "exists and is not a folder",
	OutputNoCreate:    "cannot be created",
	OutputNotWritable: "is not writable",
	OutputPDFIsDir:    "is a folder, not a file for the handbook",
}

func (e *OutputError) Error() string {
	s := e.Dir + " " + outputWords[e.Problem]
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap gives ErrOutput and the system's reason.
func (e *OutputError) Unwrap() []error { return []error{ErrOutput, e.Err} }

// CheckOutput makes sure dir is a folder we can write: it creates it (and
// its parents) when missing and writes and removes a probe file. Publishing
// calls it before any work, so a bad folder fails at once, with nothing
// rendered and nothing reported as published.
func CheckOutput(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case err == nil && !fi.IsDir():
		return &OutputError{Dir: dir, Problem: OutputNotDir}
	case err != nil:
		// Missing, or a file where a parent folder should be: MkdirAll
		// says which.
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return &OutputError{Dir: dir, Problem: OutputNoCreate, Err: unwrapPath(err)}
		}
	}
	probe, err := os.CreateTemp(dir, ".lanemap-skrivtest-*")
	if err != nil {
		return &OutputError{Dir: dir, Problem: OutputNotWritable, Err: unwrapPath(err)}
	}
	name := probe.Name()
	cerr := probe.Close()
	rerr := os.Remove(name)
	if err := errors.Join(cerr, rerr); err != nil {
		return &OutputError{Dir: dir, Problem: OutputNotWritable, Err: unwrapPath(err)}
	}
	return nil
}

// unwrapPath drops the *PathError's path (the message names the folder
// already): "permission denied", not "open /x/y: permission denied".
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkTargets checks every folder a publication will write to: the
// output folder and, when the handbook goes elsewhere, the handbook's.
func checkTargets(outDir string, opts Options) error {
	if err := CheckOutput(outDir); err != nil {
		return err
	}
	if abs, rel := handbookTarget(outDir, opts); abs != "" && rel == "" {
		if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
			return &OutputError{Dir: abs, Problem: OutputPDFIsDir}
		}
		return CheckOutput(filepath.Dir(abs))
	}
	return nil
}
