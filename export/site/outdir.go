package site

import (
	"errors"
	"os"
	"path/filepath"

	"lanemap/library"
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
	// Library is, for OutputOtherLibrary, the folder the site in the
	// output folder was last published from (as its manifest names it),
	// and for OutputInLibrary the library the folder belongs to.
	Library string
}

// The problems an OutputError names.
const (
	OutputNotDir      = "notdir"      // a file, not a folder, is in the way
	OutputNoCreate    = "nocreate"    // the folder cannot be created
	OutputNotWritable = "notwritable" // nothing can be written in it
	OutputPDFIsDir    = "pdfisdir"    // the handbook's file name is a folder
	// OutputOtherLibrary: the folder holds the site of another library
	// (another id, and published from another folder); publishing would
	// replace it (allowed only with Options.Force).
	OutputOtherLibrary = "otherlibrary"
	// OutputNotASite: the folder is not empty and holds no site of ours
	// (no manifest); allowed only with Options.Force.
	OutputNotASite = "notasite"
	// OutputInLibrary: the folder is the library's folder or inside it;
	// always refused, Force or not.
	OutputInLibrary = "inlibrary"
)

var outputWords = map[string]string{
	OutputNotDir:      "exists and is not a folder",
	OutputNoCreate:    "cannot be created",
	OutputNotWritable: "is not writable",
	OutputPDFIsDir:    "is a folder, not a file for the handbook",
	OutputNotASite:    "is not empty and holds no Lanemap site; choose an empty folder or pass --force / Options.Force to publish into it",
	OutputInLibrary:   "is the library folder or inside it; choose a folder outside the library",
}

func (e *OutputError) Error() string {
	if e.Problem == OutputOtherLibrary {
		return e.Dir + " holds the site of another library (last published from " + e.Library + "); choose another folder or pass --force / Options.Force to replace it"
	}
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

// CheckTargets checks every folder a publication of opts.Library into
// outDir will write to, as Publish does before any work: neither the
// output folder nor the handbook may lie in the library; the output folder
// must be empty, new, or hold a site of this library (unless opts.Force);
// and every folder must be one we can create and write (CheckOutput).
// The library is recognised by its id file (library.IDFile), read but
// never made here, else by its folder. Its errors are *OutputError, so
// the editor can ask before it publishes.
func CheckTargets(outDir string, opts Options) error {
	return checkTargets(outDir, opts, identify(opts.Library, false))
}

func checkTargets(outDir string, opts Options, lib libIdentity) error {
	pdfAbs, pdfRel := handbookTarget(outDir, opts)
	if lib.dir != "" {
		if within(lib.dir, cleanAbs(outDir)) {
			return &OutputError{Dir: outDir, Problem: OutputInLibrary, Library: lib.dir}
		}
		if pdfAbs != "" && pdfRel == "" && within(lib.dir, cleanAbs(pdfAbs)) {
			return &OutputError{Dir: pdfAbs, Problem: OutputInLibrary, Library: lib.dir}
		}
	}
	if err := checkOwner(outDir, lib, opts.Force); err != nil {
		return err
	}
	if err := CheckOutput(outDir); err != nil {
		return err
	}
	if pdfAbs != "" && pdfRel == "" {
		if fi, err := os.Stat(pdfAbs); err == nil && fi.IsDir() {
			return &OutputError{Dir: pdfAbs, Problem: OutputPDFIsDir}
		}
		return CheckOutput(filepath.Dir(pdfAbs))
	}
	return nil
}

// checkOwner refuses a folder that holds another library's site, or
// that is not empty and holds no site at all, unless force.
func checkOwner(outDir string, lib libIdentity, force bool) error {
	if force {
		return nil
	}
	entries, err := os.ReadDir(outDir)
	if err != nil {
		// Missing (it will be created) or unreadable (CheckOutput says).
		return nil
	}
	m, err := readManifest(outDir)
	if err != nil {
		return &OutputError{Dir: outDir, Problem: OutputNotASite, Err: err}
	}
	if m.Generator == "" {
		for _, e := range entries {
			if !ignorable[e.Name()] {
				return &OutputError{Dir: outDir, Problem: OutputNotASite}
			}
		}
		return nil
	}
	if !lib.owns(m) {
		return &OutputError{Dir: outDir, Problem: OutputOtherLibrary, Library: m.Library}
	}
	return nil
}

// ensureID makes a library's id file; tests replace it to act out a
// read-only library (they run as root, which ignores permission bits).
var ensureID = library.EnsureID

// libIdentity is how a publication knows its library: its folder and,
// when it has one, the id in its library.IDFile.
type libIdentity struct {
	dir string // absolute and clean; "" = no library given
	id  string // "" = known by its folder only
	// err says why there is no id: the file is damaged, or it is missing
	// and could not be made (a read-only library).
	err error
}

// identify reads the identity of the library in dir; with create it makes
// the id file when there is none.
func identify(dir string, create bool) libIdentity {
	li := libIdentity{dir: cleanAbs(dir)}
	if li.dir == "" {
		return li
	}
	if create {
		li.id, _, li.err = ensureID(li.dir)
	} else {
		li.id, li.err = library.ReadID(li.dir)
	}
	return li
}

// owns reports whether the site a manifest describes is this library's:
// the same id, or the same folder (a manifest from before ids, a library
// known by its folder only, or one whose id file was made anew), or a
// site no library has claimed. With no library given there is nothing to
// check. A copy of a library carries its id and so is the same library.
func (lib libIdentity) owns(m manifest) bool {
	switch {
	case lib.dir == "", m.Library == "" && m.LibraryID == "":
		return true
	case lib.id != "" && m.LibraryID == lib.id:
		return true
	}
	return m.Library != "" && (m.Library == lib.dir || sameDir(m.Library, lib.dir))
}

// recorded is the library the manifest of a publication by lib names,
// given the manifest before it: lib's folder and id, or, for a library
// without an id that owned the site by its folder, the id the site had.
func (lib libIdentity) recorded(old manifest) (dir, id string) {
	id = lib.id
	if id == "" && lib.dir != "" && lib.owns(old) {
		id = old.LibraryID
	}
	return lib.dir, id
}

// ownerNotes says what a publication by lib into a site with manifest m
// is worth knowing about the library's identity: the library could not
// be given an id (and is known by its folder), the site was last
// published from another folder holding the same library (moved, another
// mount, or a copy beside the original), or the library's id is new.
func (lib libIdentity) ownerNotes(m manifest) []note {
	var out []note
	var ie *library.IDError
	if errors.As(lib.err, &ie) {
		key := "note.idreadonly"
		if ie.Damaged {
			key = "note.iddamaged"
		}
		out = append(out, note{key, []any{ie.Path, ie.Reason(), lib.dir}})
	} else if lib.err != nil {
		out = append(out, note{"note.idreadonly", []any{filepath.Join(lib.dir, library.IDFile), lib.err.Error(), lib.dir}})
	}
	if lib.dir == "" || m.Generator == "" || !lib.owns(m) {
		return out
	}
	moved := m.Library != "" && m.Library != lib.dir && !sameDir(m.Library, lib.dir)
	switch {
	case moved && lib.isCopy(m.Library):
		out = append(out, note{"note.libcopy", []any{m.Library, lib.dir}})
	case moved:
		out = append(out, note{"note.libmoved", []any{m.Library, lib.dir}})
	case lib.id != "" && m.LibraryID != "" && m.LibraryID != lib.id:
		out = append(out, note{"note.libnewid", []any{filepath.Join(lib.dir, library.IDFile)}})
	}
	return out
}

// isCopy reports whether the folder p (not lib's) is reachable here and
// holds a library with lib's id: a copy beside it, not a move.
func (lib libIdentity) isCopy(p string) bool {
	id, err := library.ReadID(p)
	return err == nil && id != "" && id == lib.id
}

// sameDir reports whether a and b are the same existing folder by
// another path (a symbolic link, another mount of the same share).
func sameDir(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// ignorable are files file managers leave in any folder: a folder holding
// only these counts as empty.
var ignorable = map[string]bool{".DS_Store": true, "Thumbs.db": true, "desktop.ini": true}

// cleanAbs is p absolute and clean ("" stays "").
func cleanAbs(p string) string {
	if p == "" {
		return ""
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// within reports whether p is dir or lies inside it. Symbolic links are
// resolved where they exist, so a link into the library is caught too.
func within(dir, p string) bool {
	dir, p = resolve(dir), resolve(p)
	r, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(r)
}

// resolve follows symbolic links in the longest existing prefix of p.
func resolve(p string) string {
	rest := ""
	for q := p; ; q = filepath.Dir(q) {
		if r, err := filepath.EvalSymlinks(q); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(q) == q {
			return p
		}
		rest = filepath.Join(filepath.Base(q), rest)
	}
}
