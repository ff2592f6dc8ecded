package library

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"syscall"
	"time"

	"lanemap/internal/hidden"
)

// Identity says who holds a lock.
type Identity struct {
	User string
	Host string
	PID  int
}

// CurrentIdentity is this process: the login's full or user name, the host
// name and the process id.
func CurrentIdentity() Identity {
	id := Identity{PID: os.Getpid()}
	if u, err := user.Current(); err == nil {
		id.User = u.Name
		if id.User == "" {
			id.User = u.Username
		}
	}
	if id.User == "" {
		id.User = os.Getenv("USER")
	}
	if id.User == "" {
		id.User = "uid " + strconv.Itoa(os.Getuid())
	}
	id.Host, _ = os.Hostname()
	return id
}

// lockFile is the JSON beside a locked process.
type lockFile struct {
	User      string    `json:"user"`
	Host      string    `json:"host"`
	PID       int       `json:"pid"`
	Since     time.Time `json:"since"`
	Heartbeat time.Time `json:"heartbeat"`
	Token     string    `json:"token"` // tells our lock from a look-alike
	App       string    `json:"app"`
}

// Lock is a held lock on one process. Refresh it now and then (the UI's
// autosave ticker will do); Unlock when the process is closed.
type Lock struct {
	Path string // relative
	Who  Identity
	file string
	mu   sync.Mutex
	lf   lockFile
	done bool
}

// lockPath is ".name.bpmn.lock" beside abs.
func lockPath(abs string) string {
	return filepath.Join(filepath.Dir(abs), "."+filepath.Base(abs)+".lock")
}

func readLockFile(p string) (lockFile, error) {
	var lf lockFile
	data, err := os.ReadFile(p)
	if err != nil {
		return lf, err
	}
	err = json.Unmarshal(data, &lf)
	return lf, err
}

// Lock takes the lock on rel for who. It returns *ErrLocked when someone
// else holds a live lock; a stale lock (its process is dead on this host,
// or its heartbeat is older than Options.StaleLockAge) is taken over. A
// lock already held by who itself is renewed.
func (l *Library) Lock(rel string, who Identity) (*Lock, error) {
	rel, abs, err := l.clean(rel)
	if err != nil {
		return nil, err
	}
	p := lockPath(abs)
	now := time.Now().UTC()
	lf := lockFile{User: who.User, Host: who.Host, PID: who.PID, Since: now, Heartbeat: now,
		Token: strconv.FormatInt(now.UnixNano(), 36) + "-" + strconv.Itoa(who.PID), App: "lanemap"}
	data, _ := json.Marshal(lf)
	for attempt := 0; attempt < 3; attempt++ {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.Write(data)
			if werr == nil {
				werr = f.Sync()
			}
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				os.Remove(p)
				return nil, classify("lock", abs, werr)
			}
			hidden.Mark(p)
			return &Lock{Path: rel, Who: who, file: p, lf: lf}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, classify("lock", abs, err)
		}
		cur, rerr := readLockFile(p)
		if rerr != nil {
			if errors.Is(rerr, fs.ErrNotExist) {
				continue // unlocked meanwhile
			}
			// A half-written lock file (its writer died mid-write) is stale
			// after a moment; a fresh one is someone else's, being written.
			if fi, serr := os.Stat(p); serr == nil && time.Since(fi.ModTime()) > halfWrittenStale {
				os.Remove(p)
				continue
			}
			return nil, &ErrLocked{Path: rel, User: "okänd (unknown)", Since: modTime(p)}
		}
		if cur.User == who.User && cur.Host == who.Host && cur.PID == who.PID {
			// Ours already (e.g. opened twice): renew it.
			lk := &Lock{Path: rel, Who: who, file: p, lf: cur}
			return lk, lk.Refresh()
		}
		if l.stale(cur) {
			// Remove only what we read: rename it away first, so two
			// users breaking the same stale lock cannot both win.
			breakLockFile(p, cur)
			continue
		}
		return nil, &ErrLocked{Path: rel, User: cur.User, Host: cur.Host, PID: cur.PID, Since: cur.Since}
	}
	return nil, &ErrLocked{Path: rel, User: "okänd (unknown)", Since: modTime(p)}
}

func modTime(p string) time.Time {
	if fi, err := os.Stat(p); err == nil {
		return fi.ModTime()
	}
	return time.Time{}
}

// stale reports a lock whose owner is gone.
func (l *Library) stale(lf lockFile) bool {
	if time.Since(lf.Heartbeat) > l.opt.staleLockAge() {
		return true
	}
	host, _ := os.Hostname()
	return lf.Host == host && lf.PID > 0 && !processAlive(lf.PID)
}

// processAlive reports whether pid runs on this host.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	if runtime.GOOS == "windows" {
		return true // FindProcess opened a handle: it runs
	}
	err = p.Signal(syscall.Signal(0))
	if err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	return !zombie(pid)
}

// zombie reports a Linux process that has exited but not been reaped by
// its parent: signal 0 still reaches it, yet it holds nothing any more.
func zombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false // no /proc (not Linux): trust the signal
	}
	// The state follows the command name, which is in parentheses and may
	// itself hold spaces or parentheses.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 || i+2 >= len(b) {
		return false
	}
	return b[i+2] == 'Z' || b[i+2] == 'X'
}

// breakLockFile removes p if it still holds cur.
func breakLockFile(p string, cur lockFile) bool {
	aside := p + ".broken-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	if os.Rename(p, aside) != nil {
		return false
	}
	got, err := readLockFile(aside)
	if err == nil && got.Token != cur.Token {
		// Someone re-locked between our read and rename: put it back.
		if os.Link(aside, p) == nil {
			os.Remove(aside)
			return false
		}
	}
	os.Remove(aside)
	return true
}

// BreakLock removes whatever lock rel has, live or not: for when the user
// has confirmed that its holder is gone.
func (l *Library) BreakLock(rel string) error {
	_, abs, err := l.clean(rel)
	if err != nil {
		return err
	}
	if err := os.Remove(lockPath(abs)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return classify("lock", abs, err)
	}
	return nil
}

// LockInfo says who holds rel's lock; ok is false when nobody does.
func (l *Library) LockInfo(rel string) (info ErrLocked, ok bool) {
	_, abs, err := l.clean(rel)
	if err != nil {
		return info, false
	}
	lf, err := readLockFile(lockPath(abs))
	if err != nil {
		return info, false
	}
	return ErrLocked{Path: rel, User: lf.User, Host: lf.Host, PID: lf.PID, Since: lf.Since}, true
}

// Refresh renews the heartbeat so the lock does not turn stale; it fails
// when the lock was broken or taken over.
func (k *Lock) Refresh() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.done {
		return errors.New("låset är redan släppt (lock already released)")
	}
	cur, err := readLockFile(k.file)
	if err != nil || cur.Token != k.lf.Token {
		who := "någon annan (someone else)"
		if err == nil {
			who = cur.User
		}
		return &ErrLocked{Path: k.Path, User: who, Host: cur.Host, PID: cur.PID, Since: cur.Since}
	}
	k.lf.Heartbeat = time.Now().UTC()
	data, _ := json.Marshal(k.lf)
	tmp := k.file + ".tmp-" + strconv.Itoa(os.Getpid())
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	hidden.Mark(tmp) // the renamed file keeps the mark
	return os.Rename(tmp, k.file)
}

// Unlock releases the lock if it is still ours.
func (k *Lock) Unlock() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.done {
		return nil
	}
	k.done = true
	cur, err := readLockFile(k.file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	if cur.Token != k.lf.Token {
		return nil // taken over: not ours to remove
	}
	if err := os.Remove(k.file); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
