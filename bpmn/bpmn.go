package bpmn

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"

	"lanemap/internal/atomicfile"
	"lanemap/model"
)

// Namespaces, matched by URI only (prefixes are arbitrary).
const (
	// Namespace is the BPMN 2.0 semantic model namespace.
	Namespace = "http://www.omg.org/spec/BPMN/20100524/MODEL"
	// BPMNDI is the BPMN diagram interchange namespace.
	BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
	// DC is the OMG Diagram Common namespace (Bounds, Point).
	DC = "http://www.omg.org/spec/DD/20100524/DC"
	// DI is the OMG Diagram Interchange namespace (waypoint, extension).
	DI = "http://www.omg.org/spec/DD/20100524/DI"
	// XSI is the XML Schema instance namespace (xsi:type).
	XSI = "http://www.w3.org/2001/XMLSchema-instance"
	// BioColor is bpmn.io's colour extension (bioc:fill, bioc:stroke).
	BioColor = "http://bpmn.io/schema/bpmn/biocolor/1.0"
	// Color is the OMG non-normative BPMN in Color extension.
	Color = "http://www.omg.org/spec/BPMN/non-normative/color/1.0"
	// LanemapNS is Lanemap's own extension namespace (see doc.go).
	LanemapNS = "urn:lanemap:bpmn:1.0"
)

// Limits on what Decode accepts.
const (
	// MaxFileSize is the largest input Decode reads.
	MaxFileSize = 64 << 20
	// MaxDepth is the deepest element nesting Decode accepts.
	MaxDepth = 256
)

// Warning is something odd in a file that did not stop it from opening.
type Warning struct {
	Line, Col int // 1-based; Line 0 = no position
	Msg       string
}

// String formats the warning as "line:col: msg" (just msg without a position).
func (w Warning) String() string {
	switch {
	case w.Line == 0:
		return w.Msg
	case w.Col == 0:
		return strconv.Itoa(w.Line) + ": " + w.Msg
	}
	return strconv.Itoa(w.Line) + ":" + strconv.Itoa(w.Col) + ": " + w.Msg
}

// SyntaxError reports input that is not well-formed XML, or that breaks a
// hard limit, with the position where reading stopped.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

// Error formats the error as "line:col: msg".
func (e *SyntaxError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col) + ": " + e.Msg
}

// Decode reads a BPMN 2.0 file. Only malformed XML (or a file that is not
// BPMN at all) is an error; everything else odd becomes a Warning. The
// returned Source must be passed to Encode to save without losses.
func Decode(r io.Reader) (*model.Definitions, *Source, []Warning, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, nil, nil, err
	}
	p, err := parse(data)
	if err != nil {
		return nil, nil, nil, err
	}
	return decodeDoc(p)
}

// Encode writes d. With a Source from Decode (or an earlier Encode) it
// changes only the parts of the loaded document that differ from the model
// as it was read, so everything else survives byte for byte; src == nil
// writes a fresh document. After a successful Encode, src describes what
// was written, so encoding the same model again gives identical bytes.
func Encode(w io.Writer, d *model.Definitions, src *Source) error {
	if d == nil {
		return fmt.Errorf("bpmn: nothing to encode (nil definitions)")
	}
	if src == nil {
		src = NewSource()
	}
	var buf bytes.Buffer
	if err := src.apply(d, &buf); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// NewSource returns the Source of an empty document, for a model that was
// never read from a file: the first Encode writes everything fresh and
// later Encodes with the same Source change only what the model changed,
// like for a file that was read.
func NewSource() *Source { return newSource() }

// ReadFile decodes the file at path; errors read "path:line:col: what".
func ReadFile(path string) (*model.Definitions, *Source, []Warning, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	d, src, warns, err := Decode(f)
	if err != nil {
		if se, ok := err.(*SyntaxError); ok && se.Line > 0 {
			return nil, nil, nil, fmt.Errorf("%s:%s", path, se.Error())
		}
		return nil, nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, src, warns, nil
}

// WriteFile encodes d to path atomically (temp file, fsync, rename), so a
// crash leaves either the old or the new file.
func WriteFile(path string, d *model.Definitions, src *Source) error {
	return atomicfile.Write(path, 0o644, func(w io.Writer) error {
		return Encode(w, d, src)
	})
}
