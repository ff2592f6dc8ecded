package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// Localized is implemented by the library's user-facing errors: Error gives
// the Swedish text, Message("en") the English one.
type Localized interface {
	error
	Message(lang string) string
}

// Message returns err's text in lang ("sv" or "en") when err (or an error it
// wraps) is Localized, else err.Error().
func Message(err error, lang string) string {
	if err == nil {
		return ""
	}
	var l Localized
	if errors.As(err, &l) {
		return l.Message(lang)
	}
	return err.Error()
}

// Kind classifies a failed file operation by what the user can do about it.
type Kind int

// Kinds of failure.
const (
	KindOther      Kind = iota
	KindPermission      // no write (or read) access
	KindDiskFull        // no space left, or quota exceeded
	KindFolderGone      // the folder or share is gone or offline
	KindNotBPMN         // the file is not a BPMN file (any more)
)

// Error is a failed file operation with its Kind.
type Error struct {
	Kind Kind
	Op   string // "read", "save", "scan", "backup", "autosave"
	Path string // the file or folder concerned
	Err  error
}

var (
	_ Localized = (*Error)(nil)
	_ Localized = (*ErrLocked)(nil)
	_ Localized = (*ErrChangedOnDisk)(nil)
)

// Error is the Swedish message.
func (e *Error) Error() string { return e.Message("sv") }

// Unwrap gives the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Message says what happened and what to do, in "sv" or "en".
func (e *Error) Message(lang string) string {
	name := filepath.Base(e.Path)
	dir := filepath.Dir(e.Path)
	if e.Op == "scan" {
		dir = e.Path
	}
	en := lang == "en"
	switch e.Kind {
	case KindPermission:
		if en {
			return fmt.Sprintf("Cannot %s %s: you have no permission in %s. Your work is kept in memory and in recovery; save a copy elsewhere or ask for write access.", e.Op, name, dir)
		}
		return fmt.Sprintf("Kan inte %s %s: du saknar behörighet i %s. Ditt arbete finns kvar i minnet och i återställningen; spara en kopia någon annanstans eller be om skrivbehörighet.", opSv(e.Op), name, dir)
	case KindDiskFull:
		if en {
			return fmt.Sprintf("Cannot %s %s: the disk is full (or your quota is used up). Nothing was overwritten; free some space and save again.", e.Op, name)
		}
		return fmt.Sprintf("Kan inte %s %s: disken är full (eller din kvot är slut). Inget har skrivits över; frigör utrymme och spara igen.", opSv(e.Op), name)
	case KindFolderGone:
		if en {
			return fmt.Sprintf("Cannot %s %s: the folder %s cannot be reached (network share offline, or the folder was moved or removed). Your work is kept in memory and in recovery; reconnect the share and save again, or save a copy elsewhere.", e.Op, name, dir)
		}
		return fmt.Sprintf("Kan inte %s %s: mappen %s går inte att nå (nätverksenheten är frånkopplad, eller mappen har flyttats eller tagits bort). Ditt arbete finns kvar i minnet och i återställningen; anslut enheten och spara igen, eller spara en kopia någon annanstans.", opSv(e.Op), name, dir)
	case KindNotBPMN:
		if en {
			return fmt.Sprintf("%s is not a BPMN file (any more): %v. It was not changed; check whether someone replaced it, restore it from .lanemap-backup, or save your version as a copy.", e.Path, e.Err)
		}
		return fmt.Sprintf("%s är inte (längre) en BPMN-fil: %v. Filen har inte ändrats; kontrollera om någon har ersatt den, återställ den från .lanemap-backup eller spara din version som en kopia.", e.Path, e.Err)
	}
	if en {
		return fmt.Sprintf("Cannot %s %s: %v", e.Op, e.Path, e.Err)
	}
	return fmt.Sprintf("Kan inte %s %s: %v", opSv(e.Op), e.Path, e.Err)
}

func opSv(op string) string {
	switch op {
	case "read":
		return "läsa"
	case "save":
		return "spara"
	case "scan":
		return "läsa mappen"
	case "backup":
		return "säkerhetskopiera"
	case "autosave":
		return "autospara"
	case "lock":
		return "låsa"
	}
	return op
}

// classify wraps an OS error as *Error with the Kind a user can act on.
func classify(op, path string, err error) error {
	if err == nil {
		return nil
	}
	var le *Error
	if errors.As(err, &le) {
		return err
	}
	var lk *ErrLocked
	var ch *ErrChangedOnDisk
	if errors.As(err, &lk) || errors.As(err, &ch) {
		return err
	}
	k := KindOther
	switch {
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		k = KindPermission
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT), errors.Is(err, errDiskFullInjected):
		k = KindDiskFull
	case errors.Is(err, syscall.ENOTCONN), errors.Is(err, syscall.EHOSTDOWN), errors.Is(err, syscall.ESTALE),
		errors.Is(err, syscall.ENODEV), errors.Is(err, syscall.EIO), errors.Is(err, syscall.ENETDOWN),
		errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		k = KindFolderGone
	case errors.Is(err, fs.ErrNotExist):
		if op == "scan" {
			k = KindFolderGone
		} else if _, serr := os.Stat(filepath.Dir(path)); serr != nil {
			k = KindFolderGone
		}
	}
	return &Error{Kind: k, Op: op, Path: path, Err: err}
}

// errDiskFullInjected lets tests inject a "disk full" through a writer hook
// without filling a real disk.
var errDiskFullInjected = errors.New("no space left on device (injected)")

// ErrLocked is returned by Lock when someone else holds the process.
type ErrLocked struct {
	Path  string
	User  string
	Host  string
	PID   int
	Since time.Time
}

// Error is the Swedish message: "… är låst av X sedan T".
func (e *ErrLocked) Error() string { return e.Message("sv") }

// Message says who holds the lock, in "sv" or "en".
func (e *ErrLocked) Message(lang string) string {
	who := e.User
	if e.Host != "" {
		who += " (" + e.Host + ")"
	}
	t := e.Since.Local().Format("2006-01-02 15:04")
	if lang == "en" {
		return fmt.Sprintf("%s is locked by %s since %s. Open it read-only, or ask them to close it.", filepath.Base(e.Path), who, t)
	}
	return fmt.Sprintf("%s är låst av %s sedan %s. Öppna den skrivskyddad eller be dem stänga den.", filepath.Base(e.Path), who, t)
}

// ErrChangedOnDisk is returned by Save when the file on disk is no longer
// the one the document was read from. Nothing was written.
type ErrChangedOnDisk struct {
	Path     string    // relative to the library root
	ReadHash string    // what the document was read from ("" = new file)
	DiskHash string    // what is on disk now ("" = the file was removed)
	ModTime  time.Time // of the file on disk now
	Size     int64
	// LockedBy names the holder of the lock file, when there is one.
	LockedBy string
}

// Error is the Swedish message.
func (e *ErrChangedOnDisk) Error() string { return e.Message("sv") }

// Message says what happened and the three ways out, in "sv" or "en".
func (e *ErrChangedOnDisk) Message(lang string) string {
	by := ""
	if e.LockedBy != "" {
		if lang == "en" {
			by = " by " + e.LockedBy
		} else {
			by = " av " + e.LockedBy
		}
	}
	t := e.ModTime.Local().Format("2006-01-02 15:04:05")
	switch {
	case e.ReadHash == "" && lang == "en":
		return fmt.Sprintf("%s already exists (created%s at %s). Nothing was saved; choose another name.", e.Path, by, t)
	case e.ReadHash == "":
		return fmt.Sprintf("%s finns redan (skapad%s %s). Inget har sparats; välj ett annat namn.", e.Path, by, t)
	case e.DiskHash == "" && lang == "en":
		return fmt.Sprintf("%s was removed or moved since you opened it. Nothing was saved; save your version as a copy or under its old name.", e.Path)
	case e.DiskHash == "":
		return fmt.Sprintf("%s har tagits bort eller flyttats sedan du öppnade den. Inget har sparats; spara din version som en kopia eller under det gamla namnet.", e.Path)
	case lang == "en":
		return fmt.Sprintf("%s was changed on disk%s at %s since you opened it. Nothing was saved; keep yours as a copy, take theirs, or merge.", e.Path, by, t)
	}
	return fmt.Sprintf("%s har ändrats på disken%s %s sedan du öppnade den. Inget har sparats; behåll din som en kopia, ta deras eller slå ihop.", e.Path, by, t)
}
