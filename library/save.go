package library

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"lanemap/bpmn"
	"lanemap/model"

	"lanemap/internal/hidden"
)

// Doc is a process loaded for editing, with what it was read from.
type Doc struct {
	// Path is relative to the library root, slash-separated.
	Path     string
	Defs     *model.Definitions
	Src      *bpmn.Source
	Warnings []bpmn.Warning
	// ReadHash, ReadModTime and ReadSize describe the file as last read or
	// saved; Save refuses when the disk no longer matches ReadHash.
	ReadHash    string
	ReadModTime time.Time
	ReadSize    int64

	base []byte // the bytes ReadHash describes, for merging
	rkey string // the recovery copy's key ("" = never autosaved)
}

// Base decodes the version the document was read from (the common
// ancestor for Merge). A new, never saved document has an empty base.
func (d *Doc) Base() (*model.Definitions, error) {
	if len(d.base) == 0 {
		return &model.Definitions{}, nil
	}
	b, _, _, err := bpmn.Decode(bytes.NewReader(d.base))
	return b, err
}

// NewDoc starts a document that Save will create at rel; Save refuses if
// a file appears there in the meantime.
func NewDoc(rel string, defs *model.Definitions) *Doc {
	return &Doc{Path: rel, Defs: defs}
}

// Load reads the process at rel. Its hash is checked on every poll while
// it is loaded; call Close when done with it.
func (l *Library) Load(rel string) (*Doc, error) {
	rel, abs, err := l.clean(rel)
	if err != nil {
		return nil, err
	}
	doc, err := l.read(rel, abs)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	l.loaded[rel]++
	l.mu.Unlock()
	return doc, nil
}

// read decodes the file without registering it as loaded.
func (l *Library) read(rel, abs string) (*Doc, error) {
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, classify("read", abs, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, classify("read", abs, err)
	}
	defs, src, warns, err := bpmn.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, &Error{Kind: KindNotBPMN, Op: "read", Path: abs, Err: err}
	}
	return &Doc{Path: rel, Defs: defs, Src: src, Warnings: warns,
		ReadHash: hashBytes(data), ReadModTime: fi.ModTime(), ReadSize: int64(len(data)), base: data}, nil
}

// Close tells the library the document is no longer open.
func (l *Library) Close(doc *Doc) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.loaded[doc.Path] > 1 {
		l.loaded[doc.Path]--
	} else {
		delete(l.loaded, doc.Path)
	}
}

// DiskState says whether the file on disk still is what doc was read from.
// changed is false when it is; a removed file is changed with hash "".
func (l *Library) DiskState(doc *Doc) (changed bool, hash string, err error) {
	_, abs, err := l.clean(doc.Path)
	if err != nil {
		return false, "", err
	}
	data, err := os.ReadFile(abs)
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(filepath.Dir(abs)); serr != nil {
			return false, "", classify("read", abs, err)
		}
		return doc.ReadHash != "", "", nil
	}
	if err != nil {
		return false, "", classify("read", abs, err)
	}
	h := hashBytes(data)
	return h != doc.ReadHash, h, nil
}

// Save writes doc back to its file: encode in memory, temp file beside the
// target, fsync, backup of the previous version, and — after checking that
// the file on disk is still the one doc was read from — rename. It returns
// *ErrChangedOnDisk (and writes nothing) when the file changed, and an
// *Error saying what to do when the folder is unwritable, full or gone.
// On success doc describes the new file and its recovery copy is dropped.
func (l *Library) Save(doc *Doc) error {
	rel, abs, err := l.clean(doc.Path)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := bpmn.Encode(&buf, doc.Defs, doc.Src); err != nil {
		return fmt.Errorf("kan inte skriva %s som BPMN (cannot encode): %w", rel, err)
	}
	data := buf.Bytes()
	dir := filepath.Dir(abs)
	if _, err := os.Stat(dir); err != nil {
		// A new process may go into a new subfolder, but only while the
		// library itself is reachable: never recreate a vanished share.
		_, rootErr := os.Stat(l.dir)
		if doc.ReadHash != "" || rootErr != nil || !errors.Is(err, fs.ErrNotExist) {
			return classify("save", abs, err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return classify("save", abs, err)
		}
	}
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(abs); err == nil {
		perm = fi.Mode().Perm()
	}
	tmp, err := l.writeTemp(abs, data, perm)
	if err != nil {
		return classify("save", abs, err)
	}
	committed := false
	defer func() {
		if !committed {
			os.Remove(tmp)
		}
	}()
	backup, err := l.backup(abs, doc.base)
	if err != nil {
		return classify("backup", abs, err)
	}
	if l.beforeRenameHook != nil {
		l.beforeRenameHook()
	}
	newHash := hashBytes(data)
	// Check and rename under a short commit lock, so two Lanemap users
	// saving at the same moment cannot both pass the check.
	release, err := commitLock(abs)
	if err != nil {
		if backup != "" {
			os.Remove(backup)
		}
		return classify("save", abs, err)
	}
	defer release()
	// The check, as late as possible: nothing but the rename follows it.
	if cerr := l.checkUnchanged(rel, abs, doc.ReadHash); cerr != nil {
		if backup != "" {
			os.Remove(backup)
		}
		return cerr
	}
	l.mu.Lock()
	l.own[rel] = newHash
	l.mu.Unlock()
	if err := os.Rename(tmp, abs); err != nil {
		if backup != "" {
			os.Remove(backup)
		}
		return classify("save", abs, err)
	}
	committed = true
	release()
	syncDir(dir)
	l.pruneBackups(abs)

	mod := time.Now()
	if fi, err := os.Stat(abs); err == nil {
		mod = fi.ModTime()
	}
	doc.Path, doc.ReadHash, doc.ReadModTime, doc.ReadSize = rel, newHash, mod, int64(len(data))
	doc.base = append([]byte(nil), data...)
	r := &record{Entry: Entry{Path: rel, Size: int64(len(data)), ModTime: mod, Hash: newHash, Warnings: len(doc.Warnings)}}
	fillRecord(r, doc.Defs)
	l.mu.Lock()
	l.recs[rel] = r
	l.mu.Unlock()
	if rc := l.recovery(); rc != nil && doc.rkey != "" {
		rc.discard(doc.rkey)
	}
	return nil
}

// SaveAs writes doc as a new file at rel ("keep mine as a copy"); it
// refuses to overwrite an existing file. On success doc points at the copy.
func (l *Library) SaveAs(doc *Doc, rel string) error {
	old := *doc
	doc.Path, doc.ReadHash, doc.base = rel, "", nil
	if err := l.Save(doc); err != nil {
		doc.Path, doc.ReadHash, doc.base = old.Path, old.ReadHash, old.base
		return err
	}
	if old.Path != doc.Path {
		l.mu.Lock()
		if l.loaded[old.Path] > 0 {
			l.loaded[old.Path]--
			if l.loaded[old.Path] == 0 {
				delete(l.loaded, old.Path)
			}
			l.loaded[doc.Path]++
		}
		l.mu.Unlock()
	}
	return nil
}

// CopyName suggests a free file name for "keep mine as a copy":
// "name (kopia).bpmn", then "name (kopia 2).bpmn", ….
func (l *Library) CopyName(rel string) string {
	ext := path.Ext(rel)
	stem := strings.TrimSuffix(rel, ext)
	for i := 1; ; i++ {
		c := stem + " (kopia)" + ext
		if i > 1 {
			c = fmt.Sprintf("%s (kopia %d)%s", stem, i, ext)
		}
		if _, err := os.Lstat(l.Abs(c)); errors.Is(err, fs.ErrNotExist) {
			return c
		}
	}
}

// commitWait bounds how long Save waits for another saver's commit lock,
// and commitStale is the age after which such a lock is abandoned (its
// holder crashed on another host; a dead holder on this host is detected
// at once). A commit takes milliseconds, so both are generous.
const (
	commitWait  = 5 * time.Second
	commitStale = 10 * time.Second
	// halfWrittenStale is how long an unreadable lock file may be in the
	// middle of being written.
	halfWrittenStale = time.Second
)

// commitLock takes ".name.bpmn.commit" with O_EXCL (atomic on local
// disks, SMB and NFSv3+) and returns its release function. Saves and the
// creation of the library's id file take it.
func commitLock(abs string) (release func(), err error) {
	p := filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".commit")
	host, _ := os.Hostname()
	me := lockFile{Host: host, PID: os.Getpid(), Since: time.Now().UTC(),
		Token: strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + strconv.Itoa(os.Getpid())}
	data, _ := json.Marshal(me)
	deadline := time.Now().Add(commitWait)
	delay := time.Millisecond
	for {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.Write(data)
			f.Close()
			if werr != nil {
				os.Remove(p)
				return nil, werr
			}
			var once sync.Once
			return func() { once.Do(func() { os.Remove(p) }) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		cur, rerr := readLockFile(p)
		switch {
		case rerr == nil && cur.Host == host && cur.PID > 0 && cur.PID != os.Getpid() && !processAlive(cur.PID):
			breakLockFile(p, cur)
			continue
		case rerr == nil && time.Since(cur.Since) > commitStale:
			breakLockFile(p, cur)
			continue
		case rerr != nil && !errors.Is(rerr, fs.ErrNotExist) && time.Since(modTime(p)) > halfWrittenStale:
			// Empty or torn: its writer died between create and write,
			// which takes microseconds when it lives.
			os.Remove(p)
			continue
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("någon annan sparar %s just nu (someone else is saving it right now); försök igen", filepath.Base(abs))
		}
		time.Sleep(delay)
		delay = min(delay*2, 20*time.Millisecond)
	}
}

// checkUnchanged compares the file on disk with readHash.
func (l *Library) checkUnchanged(rel, abs, readHash string) error {
	data, err := os.ReadFile(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if readHash == "" {
			return nil
		}
		return &ErrChangedOnDisk{Path: rel, ReadHash: readHash}
	case err != nil:
		return classify("save", abs, err)
	}
	h := hashBytes(data)
	if h == readHash {
		return nil
	}
	e := &ErrChangedOnDisk{Path: rel, ReadHash: readHash, DiskHash: h, Size: int64(len(data))}
	if fi, err := os.Stat(abs); err == nil {
		e.ModTime = fi.ModTime()
	}
	if lf, err := readLockFile(lockPath(abs)); err == nil {
		e.LockedBy = lf.User
	}
	return e
}

// writeTemp writes data to a hidden temp file beside abs and fsyncs it.
func (l *Library) writeTemp(abs string, data []byte, perm os.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".tmp-*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	var w io.Writer = f
	if l.writeHook != nil {
		w = l.writeHook(f)
	}
	_, err = w.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// BackupDir is the hidden folder beside each process holding its previous
// versions.
const BackupDir = ".lanemap-backup"

// backup stores prev (the version being replaced) as
// .lanemap-backup/<name>.<time>.bpmn and returns its path ("" when there is
// nothing to keep or backups are off).
func (l *Library) backup(abs string, prev []byte) (string, error) {
	if len(prev) == 0 || l.opt.backups() == 0 {
		return "", nil
	}
	dir := filepath.Join(filepath.Dir(abs), BackupDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	hidden.Mark(dir)
	base := filepath.Base(abs)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	name := filepath.Join(dir, stem+"."+time.Now().UTC().Format("20060102T150405.000000000")+filepath.Ext(base))
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	var w io.Writer = f
	if l.writeHook != nil {
		w = l.writeHook(f)
	}
	_, err = w.Write(prev)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// Backups lists the kept previous versions of rel, newest first, as
// absolute paths.
func (l *Library) Backups(rel string) ([]string, error) {
	_, abs, err := l.clean(rel)
	if err != nil {
		return nil, err
	}
	return backupsOf(abs), nil
}

func backupsOf(abs string) []string {
	base := filepath.Base(abs)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	dir := filepath.Join(filepath.Dir(abs), BackupDir)
	ents, _ := os.ReadDir(dir)
	var out []string
	for _, e := range ents {
		n := e.Name()
		rest, ok := strings.CutPrefix(n, stem+".")
		// rest = "<time>.bpmn"; the time has no dots but its fraction, so
		// "a.b.bpmn"'s backups are not mistaken for "a.bpmn"'s.
		if ok && strings.HasSuffix(rest, filepath.Ext(base)) && len(rest) == len("20060102T150405.000000000")+len(filepath.Ext(base)) {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(out)))
	return out
}

func (l *Library) pruneBackups(abs string) {
	keep := l.opt.backups()
	for i, b := range backupsOf(abs) {
		if i >= keep {
			os.Remove(b)
		}
	}
}

// syncDir makes a rename durable; some file systems refuse, which is fine.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
