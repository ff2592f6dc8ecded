package library

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/google/uuid"

	"lanemap/internal/atomicfile"
	"lanemap/internal/hidden"
)

// IDFile is the hidden file in a library's top folder that holds the
// library's identity: a random id made once and never rewritten. It
// travels with the folder when it is copied or moved and is the same on
// every mount of a share, so a published site recognises its library by
// the id, not by the path it was reached by. Hidden, it is no process:
// the index, Watch and the site's document copies all skip hidden names.
const IDFile = ".lanemap-library.json"

// idFile is IDFile's content.
type idFile struct {
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	// Note tells a person who finds the file what it is.
	Note string `json:"note,omitempty"`
}

const idNote = "Lanemap: bibliotekets identitet vid publicering; följer med när mappen kopieras. Ändra inte. (The library's identity for publishing; copied with the folder. Do not edit.)"

// IDError says why a library's id could not be read or made: the file is
// damaged, or it is missing and the folder is not writable. Callers fall
// back to the library's path.
type IDError struct {
	Path    string // the id file
	Damaged bool   // the file exists but holds no valid id
	Err     error  // the system's reason, or what is wrong with the file
}

var _ Localized = (*IDError)(nil)

// Error is the Swedish message.
func (e *IDError) Error() string { return e.Message("sv") }

// Unwrap gives the underlying error.
func (e *IDError) Unwrap() error { return e.Err }

// Message says what is wrong, in "sv" or "en".
func (e *IDError) Message(lang string) string {
	switch {
	case e.Damaged && lang == "en":
		return fmt.Sprintf("the library's identity file %s is damaged (%v); delete it so that it is made again", e.Path, e.Err)
	case e.Damaged:
		return fmt.Sprintf("bibliotekets identitetsfil %s är skadad (%v); ta bort den så skapas den på nytt", e.Path, e.Err)
	case lang == "en":
		return fmt.Sprintf("the library's identity file %s cannot be created (%v)", e.Path, e.Err)
	}
	return fmt.Sprintf("bibliotekets identitetsfil %s kan inte skapas (%v)", e.Path, e.Err)
}

// Reason is the bare cause: the system's reason ("permission denied") or
// what is wrong with a damaged file.
func (e *IDError) Reason() string {
	var pe *fs.PathError
	switch {
	case errors.As(e.Err, &pe):
		return pe.Err.Error()
	case e.Err == nil:
		return "?"
	}
	return e.Err.Error()
}

// ReadID returns the id in dir's IDFile, "" when there is none, and an
// *IDError when the file is damaged or cannot be read. It never writes.
func ReadID(dir string) (string, error) {
	p := filepath.Join(dir, IDFile)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", &IDError{Path: p, Err: err}
	}
	var f idFile
	if err := json.Unmarshal(b, &f); err != nil {
		return "", &IDError{Path: p, Damaged: true, Err: err}
	}
	u, err := uuid.Parse(f.ID)
	if err != nil || u == uuid.Nil {
		return "", &IDError{Path: p, Damaged: true, Err: fmt.Errorf("no valid id: %q", f.ID)}
	}
	return u.String(), nil
}

// EnsureID returns dir's id, making IDFile (atomically, under a commit
// lock so two users at once make one id) when there is none; created says
// it was made now. An existing file is never rewritten, a damaged one
// included. A folder that is not writable gives an *IDError: callers then
// identify the library by its path.
func EnsureID(dir string) (id string, created bool, err error) {
	if id, err := ReadID(dir); id != "" || err != nil {
		return id, false, err
	}
	p := filepath.Join(dir, IDFile)
	release, err := commitLock(p)
	if err != nil {
		return "", false, &IDError{Path: p, Err: err}
	}
	defer release()
	// Someone may have made it while we waited for the lock.
	if id, err := ReadID(dir); id != "" || err != nil {
		return id, false, err
	}
	u, err := uuid.NewRandom()
	if err != nil {
		return "", false, &IDError{Path: p, Err: err}
	}
	b, err := json.MarshalIndent(idFile{ID: u.String(), Created: time.Now().UTC().Truncate(time.Second), Note: idNote}, "", "  ")
	if err != nil {
		return "", false, &IDError{Path: p, Err: err}
	}
	if err := atomicfile.WriteFile(p, append(b, '\n'), 0o644); err != nil {
		// atomicfile names the folder; the IDError names the file.
		if inner := errors.Unwrap(err); inner != nil {
			err = inner
		}
		return "", false, &IDError{Path: p, Err: err}
	}
	hidden.Mark(p)
	return u.String(), true, nil
}

// EnsureID returns the library's id, making its IDFile when there is
// none (the editor calls it when it opens a library, publishing when it
// publishes one). Errors are *IDError; a read-only library works without.
func (l *Library) EnsureID() (string, error) {
	id, _, err := EnsureID(l.dir)
	return id, err
}
