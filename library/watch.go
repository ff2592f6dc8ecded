package library

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// ChangeKind says what happened to a file.
type ChangeKind int

// Kinds of change.
const (
	Added ChangeKind = iota
	Modified
	Removed
)

// String names the kind: "added", "modified" or "removed".
func (k ChangeKind) String() string {
	switch k {
	case Added:
		return "added"
	case Modified:
		return "modified"
	case Removed:
		return "removed"
	}
	return "?"
}

// Change is one file that changed on disk by someone else's hand.
type Change struct {
	Path string
	Kind ChangeKind
	// Entry is the new index entry (the last known one for Removed).
	Entry Entry
}

// Affects reports whether c is a change to the file doc was read from that
// doc does not already hold: the UI then reloads doc in place (no local
// edits) or offers keep mine as a copy, take theirs, or merge.
func (c Change) Affects(doc *Doc) bool {
	return c.Path == doc.Path && (c.Kind == Removed || c.Entry.Hash != doc.ReadHash)
}

// debounce gathers a burst of fsnotify events (a save is create + write +
// rename) into one rescan.
const debounce = 150 * time.Millisecond

// Refresh rescans the folder now and returns what changed since the last
// scan; writes made through this Library are not reported.
func (l *Library) Refresh() ([]Change, error) {
	ch, err := l.rescan(nil, nil)
	if err == nil && len(ch) > 0 {
		l.writeCache()
	}
	return ch, err
}

// Watch calls onChange (from its own goroutine, one call at a time) with
// the processes others added, changed or removed. It watches the folders
// with fsnotify, which local disks support, and polls every
// Options.PollInterval, which network shares need. stop ends watching and
// waits for a running onChange to return.
func (l *Library) Watch(onChange func([]Change)) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	kick := make(chan struct{}, 1)
	var fw *fsnotify.Watcher
	if !l.opt.NoFSNotify {
		if w, err := fsnotify.NewWatcher(); err == nil {
			fw = w
			l.addWatches(fw)
		}
	}
	if fw != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				case ev, ok := <-fw.Events:
					if !ok {
						return
					}
					if ev.Has(fsnotify.Create) {
						// A new folder must be watched too.
						if isWatchableDir(ev.Name) {
							fw.Add(ev.Name)
						}
					}
					if relevant(ev.Name) {
						select {
						case kick <- struct{}{}:
						default:
						}
					}
				case _, ok := <-fw.Errors:
					if !ok {
						return
					}
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(l.opt.pollInterval())
		defer tick.Stop()
		var pending <-chan time.Time
		failing := false
		for {
			select {
			case <-done:
				return
			case <-kick:
				if pending == nil {
					pending = time.After(debounce)
				}
				continue
			case <-pending:
				pending = nil
			case <-tick.C:
			}
			ch, err := l.rescan(nil, nil)
			if (err != nil) != failing && l.opt.OnWatchError != nil {
				l.opt.OnWatchError(err)
			}
			failing = err != nil
			if err != nil || len(ch) == 0 {
				continue
			}
			l.writeCache()
			if fw != nil {
				l.addWatches(fw) // folders may have appeared
			}
			select {
			case <-done:
				return
			default:
			}
			onChange(ch)
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			if fw != nil {
				fw.Close()
			}
			wg.Wait()
		})
	}
}

// addWatches watches every non-hidden folder of the library.
func (l *Library) addWatches(fw *fsnotify.Watcher) {
	_, dirs, err := l.walk()
	if err != nil {
		return
	}
	have := map[string]bool{}
	for _, d := range fw.WatchList() {
		have[d] = true
	}
	for _, d := range dirs {
		if !have[d] {
			fw.Add(d)
		}
	}
}

func isWatchableDir(p string) bool {
	if strings.HasPrefix(filepath.Base(p), ".") {
		return false
	}
	fi, err := os.Lstat(p)
	return err == nil && fi.IsDir()
}

// relevant filters out our own temp, lock and backup files.
func relevant(p string) bool {
	base := filepath.Base(p)
	if strings.HasPrefix(base, ".") {
		// A hidden temp file renamed onto "x.bpmn" shows up as an event on
		// x.bpmn itself, so hidden names never matter.
		return false
	}
	return strings.EqualFold(filepath.Ext(base), ".bpmn") || filepath.Ext(base) == ""
}
