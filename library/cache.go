package library

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	"lanemap/internal/atomicfile"
)

// cacheVersion changes whenever record's fields or their meaning change,
// so an old cache is ignored rather than misread.
const cacheVersion = 1

type cacheFile struct {
	Version int       `json:"version"`
	Dir     string    `json:"dir"`
	Records []*record `json:"records"`
}

// cachePath is the per-user cache file for this library, or "".
func (l *Library) cachePath() string {
	if l.opt.NoCache {
		return ""
	}
	dir := l.opt.CacheDir
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "lanemap", "library")
	}
	sum := sha256.Sum256([]byte(l.dir))
	return filepath.Join(dir, hex.EncodeToString(sum[:8])+".json")
}

// readCache returns the cached records by path; nil when there is no
// usable cache (missing, corrupt, other version or other folder).
func (l *Library) readCache() map[string]*record {
	p := l.cachePath()
	if p == "" {
		return nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	var c cacheFile
	if json.Unmarshal(data, &c) != nil || c.Version != cacheVersion || c.Dir != l.dir {
		return nil
	}
	out := make(map[string]*record, len(c.Records))
	for _, r := range c.Records {
		if r != nil && r.Path != "" && r.Hash != "" {
			out[r.Path] = r
		}
	}
	return out
}

// writeCache stores the index; failures only cost speed next time.
func (l *Library) writeCache() {
	p := l.cachePath()
	if p == "" {
		return
	}
	l.mu.Lock()
	c := cacheFile{Version: cacheVersion, Dir: l.dir, Records: make([]*record, 0, len(l.recs))}
	for _, r := range l.recs {
		if r.Hash != "" { // a parse error is cached too; a read error is retried
			c.Records = append(c.Records, r)
		}
	}
	l.mu.Unlock()
	data, err := json.Marshal(c)
	if err != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(p), 0o700) != nil {
		return
	}
	atomicfile.WriteFile(p, data, 0o600)
}
