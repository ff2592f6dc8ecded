package library

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"lanemap/bpmn"
	"lanemap/model"
)

// Options configure a Library. The zero value is sensible.
type Options struct {
	// CacheDir holds the index cache; "" = os.UserCacheDir()/lanemap/library.
	CacheDir string
	// NoCache neither reads nor writes the index cache.
	NoCache bool
	// NoFSNotify makes Watch rely on polling alone (as on SMB/NFS).
	NoFSNotify bool
	// PollInterval is how often Watch polls; 0 = 1 s.
	PollInterval time.Duration
	// Backups is how many previous versions Save keeps per file in
	// .lanemap-backup/; 0 = 10, negative = none.
	Backups int
	// StaleLockAge is how old a lock's heartbeat may get before the lock is
	// taken over; 0 = 30 minutes.
	StaleLockAge time.Duration
	// RecoveryDir holds autosaved work; "" = os.UserConfigDir()/lanemap/recovery.
	RecoveryDir string
	// OnWatchError, when set, hears from Watch's goroutine when polling
	// starts failing (the share went offline, the folder vanished: a
	// *Error saying so) and, with nil, when it works again. The index
	// keeps its entries meanwhile: an unreachable folder is not an empty one.
	OnWatchError func(error)
}

func (o Options) pollInterval() time.Duration {
	if o.PollInterval <= 0 {
		return time.Second
	}
	return o.PollInterval
}

func (o Options) backups() int {
	if o.Backups == 0 {
		return 10
	}
	return max(o.Backups, 0)
}

func (o Options) staleLockAge() time.Duration {
	if o.StaleLockAge <= 0 {
		return 30 * time.Minute
	}
	return o.StaleLockAge
}

// Entry is one process in the index.
type Entry struct {
	// Path is relative to the library root, slash-separated.
	Path           string   `json:"path"`
	Name           string   `json:"name"`
	Owner          string   `json:"owner,omitempty"`
	Maintainer     string   `json:"maintainer,omitempty"`
	Status         string   `json:"status,omitempty"`
	Version        string   `json:"version,omitempty"`
	ApprovedDate   string   `json:"approvedDate,omitempty"`
	ReviewDate     string   `json:"reviewDate,omitempty"`
	Classification int      `json:"classification"`
	Publish        bool     `json:"publish"`
	Tags           []string `json:"tags,omitempty"`
	// Roles are the lane role names, in lane order, without repeats.
	Roles   []string  `json:"roles,omitempty"`
	ModTime time.Time `json:"modTime"`
	Size    int64     `json:"size"`
	// Hash is the hex SHA-256 of the file's bytes.
	Hash string `json:"hash"`
	// Warnings counts what the reader found odd but could open.
	Warnings int `json:"warnings,omitempty"`
	// Err says what is wrong with a file that could not be read ("" = fine).
	Err string `json:"error,omitempty"`
}

// Publishable reports whether the entry's metadata allows publishing.
func (e Entry) Publishable() bool {
	return e.Err == "" && (model.Meta{Publish: e.Publish, Classification: e.Classification}).Publishable()
}

// record is an Entry with its search text, as kept in memory and in the cache.
type record struct {
	Entry
	// Text is the lower-cased searchable text: names, documentation, roles.
	Text string `json:"text"`
}

// entry copies the record's Entry, lists included, so callers cannot
// change the index through it.
func (r *record) entry() Entry {
	e := r.Entry
	e.Tags, e.Roles = slices.Clone(e.Tags), slices.Clone(e.Roles)
	return e
}

// Library is an opened folder of processes. Its methods are safe for
// concurrent use.
type Library struct {
	dir string // absolute
	opt Options

	scanMu sync.Mutex // serialises rescans
	mu     sync.Mutex
	recs   map[string]*record // by rel path
	own    map[string]string  // rel → hash of our last write, not reported by Watch
	loaded map[string]int     // rel → number of loaded Docs (hashed on every poll)
	rec    *Recovery

	// hooks for fault-injection tests.
	writeHook        func(io.Writer) io.Writer
	beforeRenameHook func()
	scanHook         func() // between reading files and updating the index
}

// Open scans dir recursively for *.bpmn files, using and refreshing the
// index cache.
func Open(dir string, opt Options) (*Library, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, classify("scan", abs, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s är ingen mapp (is not a folder)", abs)
	}
	l := &Library{dir: abs, opt: opt, recs: map[string]*record{}, own: map[string]string{}, loaded: map[string]int{}}
	cached := l.readCache()
	if _, err := l.rescan(cached, nil); err != nil {
		return nil, err
	}
	// Rewrite the cache only when the scan read something it lacked.
	stale := len(cached) != len(l.recs)
	for rel, r := range l.recs {
		if cached[rel] != r {
			stale = true
			break
		}
	}
	if stale {
		l.writeCache()
	}
	return l, nil
}

// Dir is the library's absolute root folder.
func (l *Library) Dir() string { return l.dir }

// Abs turns a library-relative path into an absolute file path.
func (l *Library) Abs(rel string) string { return filepath.Join(l.dir, filepath.FromSlash(rel)) }

// Rel turns an absolute path inside the library into its relative form;
// an error for paths outside.
func (l *Library) Rel(abs string) (string, error) {
	r, err := filepath.Rel(l.dir, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s ligger utanför biblioteket %s (is outside the library)", abs, l.dir)
	}
	return filepath.ToSlash(r), nil
}

// clean checks a relative path and returns its absolute form.
func (l *Library) clean(rel string) (string, string, error) {
	c := path.Clean(strings.ReplaceAll(rel, "\\", "/"))
	if c == "." || c == ".." || strings.HasPrefix(c, "../") || path.IsAbs(c) {
		return "", "", fmt.Errorf("ogiltig sökväg %q i biblioteket (invalid library path)", rel)
	}
	return c, l.Abs(c), nil
}

// Entries lists every process, sorted by path.
func (l *Library) Entries() []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Entry, 0, len(l.recs))
	for _, r := range l.recs {
		out = append(out, r.entry())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Entry returns the index entry for rel.
func (l *Library) Entry(rel string) (Entry, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, ok := l.recs[rel]
	if !ok {
		return Entry{}, false
	}
	return r.entry(), true
}

// Search returns the entries matching every word of q (case-insensitive)
// in their name, roles, owner, tags, step names or documentation. Entries
// whose name matches come first; an empty q lists everything.
func (l *Library) Search(q string) []Entry {
	words := strings.Fields(strings.ToLower(q))
	l.mu.Lock()
	type hit struct {
		e    Entry
		rank int
	}
	var hits []hit
	for _, r := range l.recs {
		rank := 0
		ok := true
		name := strings.ToLower(r.Name + " " + r.Path)
		roles := strings.ToLower(strings.Join(r.Roles, "\n"))
		for _, w := range words {
			switch {
			case strings.Contains(name, w):
				rank += 0
			case strings.Contains(roles, w):
				rank += 1
			case strings.Contains(r.Text, w):
				rank += 2
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok {
			hits = append(hits, hit{r.entry(), rank})
		}
	}
	l.mu.Unlock()
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].rank != hits[j].rank {
			return hits[i].rank < hits[j].rank
		}
		return hits[i].e.Path < hits[j].e.Path
	})
	out := make([]Entry, len(hits))
	for i, h := range hits {
		out[i] = h.e
	}
	return out
}

// Roles lists every lane role used in the library with the processes that
// use it: the role catalogue.
func (l *Library) Roles() map[string][]string {
	out := map[string][]string{}
	for _, e := range l.Entries() {
		for _, r := range e.Roles {
			out[r] = append(out[r], e.Path)
		}
	}
	return out
}

// fileStat is what a scan knows about a file before reading it.
type fileStat struct {
	rel     string
	abs     string
	size    int64
	modTime time.Time
}

// walk lists the *.bpmn files under the root, skipping hidden names.
func (l *Library) walk() ([]fileStat, []string, error) {
	var files []fileStat
	var dirs []string
	// WalkDir does not follow a root that is a symbolic link (a share
	// linked into place, such as /mnt/share): walk its target, and give
	// paths under the library's own root.
	root := l.dir
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if r, err := filepath.EvalSymlinks(root); err == nil {
			root = r
		}
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // an unreadable subfolder: skip it, keep the rest
		}
		if root != l.dir {
			rel, _ := filepath.Rel(root, p)
			p = filepath.Join(l.dir, rel)
		}
		name := d.Name()
		if p != l.dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			removeLeftover(p, name)
			return nil
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		if !strings.EqualFold(filepath.Ext(name), ".bpmn") || !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil // vanished between listing and stat
		}
		rel, _ := filepath.Rel(l.dir, p)
		files = append(files, fileStat{rel: filepath.ToSlash(rel), abs: p, size: fi.Size(), modTime: fi.ModTime()})
		return nil
	})
	if err != nil {
		return nil, nil, classify("scan", l.dir, err)
	}
	return files, dirs, nil
}

// granularity is how close to "now" a modification time must be for a
// same-size, same-mtime file still to be hashed: coarse share timestamps
// (FAT/SMB: 2 s) can hide a quick second write.
const granularity = 3 * time.Second

// rescan brings the index up to date with the folder and returns what
// changed (own writes excluded). prev supplies known records (from the
// cache on Open); nil means the in-memory index.
func (l *Library) rescan(prev map[string]*record, forceHash map[string]bool) ([]Change, error) {
	// One scan at a time: Watch's and a caller's Refresh must not both
	// report the same change.
	l.scanMu.Lock()
	defer l.scanMu.Unlock()
	files, _, err := l.walk()
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	start := maps.Clone(l.recs)
	if prev == nil {
		prev = start
	}
	loaded := make(map[string]bool, len(l.loaded))
	for k := range l.loaded {
		loaded[k] = true
	}
	l.mu.Unlock()

	now := time.Now()
	next := make(map[string]*record, len(files))
	type job struct {
		fs  fileStat
		old *record
	}
	var jobs []job
	for _, f := range files {
		old := prev[f.rel]
		same := old != nil && old.Size == f.size && old.ModTime.Equal(f.modTime) && old.Hash != ""
		// Recent: within the timestamp granularity of now. A time far in
		// the future (another client's skewed clock) is not "recent", or
		// every poll would read such files again.
		age := now.Sub(f.modTime)
		recent := age < granularity && age > -granularity
		if same && !recent && !loaded[f.rel] && !forceHash[f.rel] {
			next[f.rel] = old
			continue
		}
		jobs = append(jobs, job{f, old})
	}
	// Read changed files with two workers: I/O on a share is the bottleneck.
	results := make([]*record, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = readRecord(j.fs, j.old)
		}()
	}
	wg.Wait()
	for i, j := range jobs {
		if results[i] != nil {
			next[j.fs.rel] = results[i]
		}
	}

	if l.scanHook != nil {
		l.scanHook()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	// A Save during the scan replaced its record: that record is newer
	// than whatever the scan read, and it is our own write.
	for rel, cur := range l.recs {
		if start[rel] != cur {
			next[rel] = cur
		}
	}
	var changes []Change
	for rel, r := range next {
		old := l.recs[rel]
		switch {
		case old == nil:
			if l.own[rel] != r.Hash {
				changes = append(changes, Change{Path: rel, Kind: Added, Entry: r.entry()})
			}
		case old.Hash != r.Hash:
			if l.own[rel] != r.Hash {
				changes = append(changes, Change{Path: rel, Kind: Modified, Entry: r.entry()})
			}
		}
	}
	for rel, old := range l.recs {
		if _, ok := next[rel]; !ok {
			changes = append(changes, Change{Path: rel, Kind: Removed, Entry: old.entry()})
			delete(l.own, rel)
		}
	}
	l.recs = next
	sort.Slice(changes, func(i, j int) bool { return changes[i].Path < changes[j].Path })
	return changes, nil
}

// readRecord reads one file; when its hash equals old's it keeps old's
// fields with the new stat.
func readRecord(f fileStat, old *record) *record {
	data, err := os.ReadFile(f.abs)
	if err != nil {
		if os.IsNotExist(err) {
			return nil // gone since the walk
		}
		return &record{Entry: Entry{Path: f.rel, Name: nameFromPath(f.rel), Size: f.size, ModTime: f.modTime,
			Err: Message(classify("read", f.abs, err), "sv")}}
	}
	h := hashBytes(data)
	if old != nil && old.Hash == h {
		r := *old
		r.Size, r.ModTime = int64(len(data)), f.modTime
		return &r
	}
	return parseRecord(f.rel, data, f.modTime)
}

func hashBytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func nameFromPath(rel string) string {
	return strings.TrimSuffix(path.Base(rel), path.Ext(rel))
}

// parseRecord decodes data and extracts the index fields.
func parseRecord(rel string, data []byte, mod time.Time) *record {
	r := &record{Entry: Entry{Path: rel, Size: int64(len(data)), ModTime: mod, Hash: hashBytes(data)}}
	d, _, warns, err := bpmn.Decode(bytes.NewReader(data))
	if err != nil {
		r.Name = nameFromPath(rel)
		r.Err = fmt.Sprintf("%s:%v", rel, err)
		return r
	}
	fillRecord(r, d)
	r.Warnings = len(warns)
	return r
}

// fillRecord copies the index fields of d into r.
func fillRecord(r *record, d *model.Definitions) {
	r.Name = processName(d)
	if r.Name == "" {
		r.Name = nameFromPath(r.Path)
	}
	m := d.Meta
	r.Owner, r.Maintainer, r.Status, r.Version = m.Owner, m.Maintainer, m.Status, m.Version
	r.ApprovedDate, r.ReviewDate = m.ApprovedDate, m.ReviewDate
	r.Classification, r.Publish = m.Classification, m.Publish
	r.Tags = append([]string(nil), m.Tags...)
	r.Roles = nil
	seen := map[string]bool{}
	for _, ln := range d.AllLanes() {
		if n := strings.TrimSpace(ln.RoleName()); n != "" && !seen[n] {
			seen[n] = true
			r.Roles = append(r.Roles, n)
		}
	}
	var sb strings.Builder
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			sb.WriteString(strings.ToLower(s))
			sb.WriteByte('\n')
		}
	}
	add(r.Name)
	add(d.Name)
	add(m.Owner)
	add(m.Maintainer)
	add(m.Status)
	for _, t := range m.Tags {
		add(t)
	}
	for _, c := range d.Collaborations {
		add(c.Name)
		add(c.Documentation)
		for _, p := range c.Participants {
			add(p.Name)
			add(p.Documentation)
		}
	}
	for _, p := range d.Processes {
		add(p.Name)
		add(p.Documentation)
	}
	for _, ln := range d.AllLanes() {
		add(ln.Name)
		add(ln.Role)
		add(ln.Documentation)
	}
	for _, n := range d.Nodes {
		add(n.Name)
		add(n.Documentation)
		add(n.Text)
	}
	for _, f := range d.Flows {
		add(f.Name)
	}
	r.Text = sb.String()
}

// processName is what a process is called: the collaboration's name, else
// the first named process or pool, else the definitions' name.
func processName(d *model.Definitions) string {
	for _, c := range d.Collaborations {
		if c.Name != "" {
			return c.Name
		}
	}
	for _, p := range d.Processes {
		if p.Name != "" {
			return p.Name
		}
	}
	for _, p := range d.Participants() {
		if p.Name != "" && !p.BlackBox() {
			return p.Name
		}
	}
	return d.Name
}

// leftoverAge is when a temp file of ours is certainly abandoned: a save
// that crashed (or was killed) between writing and renaming it.
const leftoverAge = time.Hour

// removeLeftover deletes an abandoned temp file of a crashed save.
func removeLeftover(p, name string) {
	if !strings.Contains(name, ".tmp-") && !strings.Contains(name, ".broken-") {
		return
	}
	if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > leftoverAge {
		os.Remove(p)
	}
}
