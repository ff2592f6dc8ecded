package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2/lang"

	"lanemap/bpmn"
	"lanemap/edit"
	"lanemap/library"
	"lanemap/model"
)

// document is one open process: its file, the model and the loaded XML
// (kept for lossless saving), what reading warned about, and the editing
// session whose stack's clean mark is the dirty flag. A process in the
// open library also carries the library's Doc (read hash for conflict
// detection, recovery) and its lock.
type document struct {
	path     string // absolute; "" until a new process is first saved
	defs     *model.Definitions
	src      *bpmn.Source
	warnings []bpmn.Warning
	sess     *edit.Session

	ldoc     *library.Doc  // nil outside a library
	lock     *library.Lock // nil when not held
	lockedBy string        // who holds the lock when we could not take it
	// held is who holds the lock when someone else does: the document is
	// then read-only (the session refuses edits) until the lock is broken
	// or the work is saved as a copy.
	held *library.ErrLocked
	// restored marks work brought back from an autosave: unsaved although
	// the fresh undo stack is clean.
	restored bool
	// rdoc carries the recovery copy of a process that has no library
	// file yet (a new, never-saved one): its key stays the same for the
	// document's life, so every autosave replaces the last.
	rdoc *library.Doc
	// rev counts changes; autosaved is rev at the last autosave, so an
	// unchanged document is not written again every tick.
	rev, autosaved int
	// takenOver marks a lock someone else broke while we held it: held
	// then says who took it.
	takenOver bool
}

// loadDocument reads a BPMN file outside any library.
func loadDocument(path string) (*document, error) {
	d, src, warns, err := bpmn.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &document{path: path, defs: d, src: src, warnings: warns, sess: edit.NewSession(d, nil)}, nil
}

// fromLibrary wraps a document the library loaded (or restored).
func fromLibrary(v *libraryView, ld *library.Doc) *document {
	return &document{
		path: v.lib.Abs(ld.Path), defs: ld.Defs, src: ld.Src, warnings: ld.Warnings,
		sess: edit.NewSession(ld.Defs, nil), ldoc: ld,
	}
}

// newDocument is an empty process: one pool with one lane and a start
// event, so that quick-add has somewhere to put the first task.
func newDocument() *document {
	d := &model.Definitions{
		ID:              model.NewID("Definitions"),
		TargetNamespace: "urn:lanemap:process",
		Meta:            model.Meta{Status: model.StatusDraft, Version: "0.1"},
	}
	proc := &model.Process{ID: model.NewID(model.ProcessKind), LaneSetID: model.NewID("LaneSet")}
	pool := &model.Participant{ID: model.NewID(model.ParticipantKind), Name: lang.X("new.pool", "New process"), ProcessRef: proc.ID}
	collab := &model.Collaboration{ID: model.NewID(model.CollaborationKind), Participants: []*model.Participant{pool}}
	start := &model.Node{ID: model.NewID(model.StartEvent), Kind: model.StartEvent, Container: proc.ID}
	lane := &model.Lane{ID: model.NewID(model.LaneKind), Name: lang.X("new.lane", "Role"), NodeRefs: []string{start.ID}}
	proc.Lanes = []*model.Lane{lane}
	d.Collaborations = []*model.Collaboration{collab}
	d.Processes = []*model.Process{proc}
	d.Nodes = []*model.Node{start}
	const x, y, w, h, band = 160.0, 80.0, 900.0, 200.0, 30.0
	g := &model.Diagram{
		ID: model.NewID("BPMNDiagram"), PlaneID: model.NewID("BPMNPlane"), Element: collab.ID,
		Shapes: []*model.Shape{
			{ID: model.NewID("BPMNShape"), Element: pool.ID, Bounds: model.Rect{X: x, Y: y, W: w, H: h}, IsHorizontal: model.Bool(true)},
			{ID: model.NewID("BPMNShape"), Element: lane.ID, Bounds: model.Rect{X: x + band, Y: y, W: w - band, H: h}, IsHorizontal: model.Bool(true)},
			{ID: model.NewID("BPMNShape"), Element: start.ID, Bounds: model.Rect{X: x + band + 60, Y: y + h/2 - 18, W: 36, H: 36}},
		},
	}
	d.Diagrams = []*model.Diagram{g}
	return &document{defs: d, sess: edit.NewSession(d, g)}
}

// noLayout reports a map with steps but no diagram layout (BPMNDI): a
// file from a tool that saves only the process, which shows nothing.
func (doc *document) noLayout() bool {
	return len(doc.defs.Nodes) > 0 && doc.sess.Diagram != nil && len(doc.sess.Diagram.Shapes) == 0
}

// heldText says why doc is read-only: who holds its lock, or who took
// it over from us while we were editing (no full stop: errReadOnly adds
// the advice to save a copy).
func (doc *document) heldText() string {
	h := doc.held
	if !doc.takenOver {
		return readOnlyText(h)
	}
	who := h.User
	if h.Host != "" {
		who += " (" + h.Host + ")"
	}
	return lang.X("readonly.takenover", "The lock was taken over by {{.Who}} at {{.Time}}",
		map[string]any{"Who": who, "Time": h.Since.Local().Format("2006-01-02 15:04")})
}

// readOnly reports a document someone else holds the lock on.
func (doc *document) readOnly() bool { return doc.held != nil }

func (doc *document) dirty() bool { return doc.restored || doc.sess.Stack.Dirty() }

// markSaved makes the current state the clean one.
func (doc *document) markSaved() {
	doc.restored = false
	doc.sess.Stack.MarkClean()
}

// name is what the title bar and dialogs call the document: the process
// name, which workshop participants recognise, not the file name.
func (doc *document) name() string { return processTitle(doc.defs) }

// fileName is a file name for Save as: the file's, else the process name.
func (doc *document) fileName() string {
	if doc.path != "" {
		return filepath.Base(doc.path)
	}
	return safeFileName(processTitle(doc.defs)) + ".bpmn"
}

// safeFileName keeps letters, digits and '_' and turns runs of anything
// else into one '-'.
func safeFileName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return "process"
	}
	return out
}

// warningText lists the reading warnings, one per line, with positions.
func (doc *document) warningText() string {
	var b strings.Builder
	for _, w := range doc.warnings {
		sep := ":"
		if w.Line == 0 {
			sep = ": " // "file: message", not "file:message"
		}
		fmt.Fprintf(&b, "%s%s%s\n", filepath.Base(doc.path), sep, w.String())
	}
	return b.String()
}
