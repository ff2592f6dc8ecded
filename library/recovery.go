package library

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"lanemap/bpmn"
	"lanemap/internal/atomicfile"
)

// Recovery is a per-user folder of autosaved, unsaved work. Each item is
// two files: <key>.bpmn (the document) and <key>.json (where it belongs).
type Recovery struct {
	dir string
}

// RecoveryItem is one autosaved document.
type RecoveryItem struct {
	// Key names the item inside the recovery folder.
	Key string `json:"key"`
	// Library is the library's absolute folder, Path the process in it.
	Library string    `json:"library"`
	Path    string    `json:"path"`
	Name    string    `json:"name"`
	Saved   time.Time `json:"saved"`
	// BaseHash is the hash of the file the unsaved edits started from;
	// a restored Doc saves only if the file is still that version.
	BaseHash string `json:"baseHash"`
	// Base holds that version's bytes (for merging after a restore).
	Base []byte `json:"base,omitempty"`
}

// OpenRecovery opens (creating) the recovery folder; "" =
// os.UserConfigDir()/lanemap/recovery, or the cache dir when there is no
// config dir.
func OpenRecovery(dir string) (*Recovery, error) {
	if dir == "" {
		base, err := os.UserConfigDir()
		if err != nil {
			if base, err = os.UserCacheDir(); err != nil {
				return nil, fmt.Errorf("ingen mapp för återställning (no recovery folder): %w", err)
			}
		}
		dir = filepath.Join(base, "lanemap", "recovery")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, classify("autosave", dir, err)
	}
	return &Recovery{dir: dir}, nil
}

// Dir is the recovery folder.
func (r *Recovery) Dir() string { return r.dir }

// recoveryKey names a document's recovery copy: one per open document
// (not per file), so saving the file in one window does not drop the
// unsaved work of a crashed session on the same file.
func recoveryKey(libDir, rel string) string {
	var salt [8]byte
	rand.Read(salt[:])
	s := sha256.Sum256([]byte(libDir + "\x00" + rel + "\x00" + string(salt[:])))
	return hex.EncodeToString(s[:10])
}

// Save stores doc (which belongs to rel in the library at libDir) as the
// recovery copy, replacing an older one. Call it from the goroutine that
// owns doc: encoding reads the model.
func (r *Recovery) Save(libDir string, doc *Doc) error {
	var buf bytes.Buffer
	if err := bpmn.Encode(&buf, doc.Defs, doc.Src); err != nil {
		return err
	}
	if doc.rkey == "" {
		doc.rkey = recoveryKey(libDir, doc.Path)
	}
	key := doc.rkey
	item := RecoveryItem{Key: key, Library: libDir, Path: doc.Path, Name: processName(doc.Defs),
		Saved: time.Now().UTC(), BaseHash: doc.ReadHash, Base: doc.base}
	meta, err := json.Marshal(item)
	if err != nil {
		return err
	}
	bp := filepath.Join(r.dir, key+".bpmn")
	if err := atomicfile.WriteFile(bp, buf.Bytes(), 0o600); err != nil {
		return classify("autosave", bp, err)
	}
	mp := filepath.Join(r.dir, key+".json")
	if err := atomicfile.WriteFile(mp, meta, 0o600); err != nil {
		return classify("autosave", mp, err)
	}
	return nil
}

// List returns the recovery items, newest first. Broken items are skipped.
func (r *Recovery) List() ([]RecoveryItem, error) {
	ents, err := os.ReadDir(r.dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var out []RecoveryItem
	for _, e := range ents {
		key, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok {
			continue
		}
		data, err := os.ReadFile(filepath.Join(r.dir, e.Name()))
		if err != nil {
			continue
		}
		var it RecoveryItem
		if json.Unmarshal(data, &it) != nil || it.Key != key {
			continue
		}
		if _, err := os.Stat(filepath.Join(r.dir, key+".bpmn")); err != nil {
			continue
		}
		it.Base = nil // large; Restore reads it again
		out = append(out, it)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Saved.After(out[j].Saved) })
	return out, nil
}

// Restore decodes an item into a Doc whose ReadHash is the version its
// edits started from, so saving it into the library either succeeds (the
// file is unchanged) or reports ErrChangedOnDisk for a merge.
func (r *Recovery) Restore(it RecoveryItem) (*Doc, error) {
	data, err := os.ReadFile(filepath.Join(r.dir, it.Key+".bpmn"))
	if err != nil {
		return nil, err
	}
	defs, src, warns, err := bpmn.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, &Error{Kind: KindNotBPMN, Op: "read", Path: filepath.Join(r.dir, it.Key+".bpmn"), Err: err}
	}
	var full RecoveryItem
	if meta, err := os.ReadFile(filepath.Join(r.dir, it.Key+".json")); err == nil {
		json.Unmarshal(meta, &full)
	}
	return &Doc{Path: it.Path, Defs: defs, Src: src, Warnings: warns, ReadHash: it.BaseHash, base: full.Base, rkey: it.Key}, nil
}

// Discard removes an item. An item with no Key stands for every item of
// its Library and Path (for a caller that knows only the file).
func (r *Recovery) Discard(it RecoveryItem) error {
	if it.Key != "" {
		return r.discard(it.Key)
	}
	items, err := r.List()
	if err != nil {
		return err
	}
	for _, x := range items {
		if x.Library == it.Library && x.Path == it.Path {
			if err := r.discard(x.Key); err != nil {
				return err
			}
		}
	}
	return nil
}

// DiscardDoc removes doc's recovery copy (when the user closes it without
// saving).
func (r *Recovery) DiscardDoc(doc *Doc) error {
	if doc.rkey == "" {
		return nil
	}
	return r.discard(doc.rkey)
}

func (r *Recovery) discard(key string) error {
	if key == "" || strings.ContainsAny(key, `/\.`) {
		return nil
	}
	e1 := os.Remove(filepath.Join(r.dir, key+".bpmn"))
	e2 := os.Remove(filepath.Join(r.dir, key+".json"))
	for _, e := range []error{e1, e2} {
		if e != nil && !errors.Is(e, fs.ErrNotExist) {
			return e
		}
	}
	return nil
}

// recovery opens the library's recovery folder lazily; nil when it
// cannot be had (autosave then reports the error itself).
func (l *Library) recovery() *Recovery {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rec == nil {
		l.rec, _ = OpenRecovery(l.opt.RecoveryDir)
	}
	return l.rec
}

// Autosave stores doc's current state in the recovery folder. The UI calls
// it from a ticker every few seconds while the document has unsaved edits;
// a successful Save drops the copy.
func (l *Library) Autosave(doc *Doc) error {
	r := l.recovery()
	if r == nil {
		_, err := OpenRecovery(l.opt.RecoveryDir)
		return err
	}
	return r.Save(l.dir, doc)
}

// Recovery is the library's recovery folder (nil if it cannot be created).
func (l *Library) Recovery() *Recovery { return l.recovery() }
