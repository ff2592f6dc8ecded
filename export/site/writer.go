package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	gosync "sync"

	"lanemap/internal/atomicfile"
)

// ManifestName is the file in the output folder that lists every file a
// publication wrote, so the next one can remove what is gone and never
// touch anything else.
const ManifestName = ".lanemap-publicering.json"

type manifest struct {
	Generator string `json:"generator"`
	// LibraryID is the id of the library published here (its
	// library.IDFile), so another library's publication does not replace
	// the site unasked, while the same library reached by another path
	// (another mount, moved, copied) is recognised. Manifests from before
	// it, and libraries that could not be given an id, name none.
	LibraryID string `json:"libraryId,omitempty"`
	// Library is the absolute, clean folder the site was last published
	// from: the library's identity when there is no id. Manifests from
	// before it name none.
	Library string   `json:"library,omitempty"`
	Files   []string `json:"files"`
	// Keys says what each process page was rendered from, and Sums what
	// we wrote (SHA-256), so an unchanged page is reused, not rendered.
	Keys map[string]string `json:"keys,omitempty"`
	Sums map[string]string `json:"sums,omitempty"`
}

// syncResult says what syncDir did, as slash-separated paths in the folder.
type syncResult struct {
	Written, Unchanged, Removed []string
}

// syncDir makes outDir hold files: it writes each file whose bytes differ from
// what is on disk (atomically), removes files an earlier publication wrote
// that are no longer wanted, and refuses to overwrite files it did not write.
// same names files known to be on disk as they are (reused pages); the
// manifest records lib as the site's library.
func syncDir(outDir string, files map[string][]byte, keys map[string]string, same map[string]bool, lib libIdentity) (syncResult, error) {
	var res syncResult
	names := make([]string, 0, len(files))
	for rel := range files {
		if !safeRel(rel) {
			return res, fmt.Errorf("internal error: unsafe output path %q", rel)
		}
		names = append(names, rel)
	}
	sort.Strings(names)
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return res, fmt.Errorf("cannot create the output folder: %w", err)
	}
	old, err := readManifest(outDir)
	if err != nil {
		return res, err
	}
	libDir, libID := lib.recorded(old)
	ours := map[string]bool{}
	for _, f := range old.Files {
		ours[f] = true
	}
	for _, rel := range names {
		p := filepath.Join(outDir, filepath.FromSlash(rel))
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return res, err
		case !fi.Mode().IsRegular():
			return res, fmt.Errorf("%s exists and is not a regular file; remove it or choose another output folder", p)
		case !ours[rel]:
			return res, fmt.Errorf("%s exists and was not written by Lanemap; move it or choose another output folder", p)
		}
	}
	// Claim the new files before writing them, so an interrupted run
	// leaves a manifest that still covers everything on disk.
	union := slices.Clone(old.Files)
	for _, rel := range names {
		if !ours[rel] {
			union = append(union, rel)
		}
	}
	sort.Strings(union)
	if err := writeManifest(outDir, manifest{LibraryID: libID, Library: libDir, Files: union}); err != nil {
		return res, err
	}
	made := map[string]bool{}
	for _, rel := range names {
		p := filepath.Join(outDir, filepath.FromSlash(rel))
		// Pages reused from disk were just read and checked against
		// their sums: they are unchanged without reading them again.
		if same[rel] {
			res.Unchanged = append(res.Unchanged, rel)
			continue
		}
		if cur, err := os.ReadFile(p); err == nil && bytes.Equal(cur, files[rel]) {
			res.Unchanged = append(res.Unchanged, rel)
			continue
		}
		dir := filepath.Dir(p)
		if !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return res, err
			}
			made[dir] = true
		}
		res.Written = append(res.Written, rel)
	}
	// Each atomic write waits for its fsync; several at once overlap
	// that wait, which dominates a first publication on a network share.
	if err := writeAll(outDir, res.Written, files); err != nil {
		return res, err
	}
	for _, rel := range old.Files {
		if _, keep := files[rel]; keep || !safeRel(rel) {
			continue
		}
		p := filepath.Join(outDir, filepath.FromSlash(rel))
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return res, fmt.Errorf("cannot remove the withdrawn page %s: %w", p, err)
		}
		res.Removed = append(res.Removed, rel)
		// Folders we made go when they empty; Remove refuses non-empty ones.
		for d := path.Dir(rel); d != "."; d = path.Dir(d) {
			if os.Remove(filepath.Join(outDir, filepath.FromSlash(d))) != nil {
				break
			}
		}
	}
	done := manifest{LibraryID: libID, Library: libDir, Files: names, Keys: map[string]string{}, Sums: map[string]string{}}
	for rel, k := range keys {
		if b, ok := files[rel]; ok {
			sum := sha256.Sum256(b)
			done.Keys[rel], done.Sums[rel] = k, hex.EncodeToString(sum[:])
		}
	}
	return res, writeManifest(outDir, done)
}

// reuser returns the reuseFunc for outDir's last publication: a page is
// reused when it was rendered under the same key and is on disk as written,
// and the site is lib's (a site of another library, replaced by force, is
// rendered afresh; the same library by another path keeps its pages).
func reuser(outDir string, lib libIdentity) reuseFunc {
	m, err := readManifest(outDir)
	if err != nil || len(m.Keys) == 0 || !lib.owns(m) {
		return nil
	}
	return func(rel, key string) []byte {
		if m.Keys[rel] != key || !safeRel(rel) {
			return nil
		}
		b, err := os.ReadFile(filepath.Join(outDir, filepath.FromSlash(rel)))
		if err != nil {
			return nil
		}
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != m.Sums[rel] {
			return nil
		}
		return b
	}
}

// writeAll writes the named files atomically, a few at a time, and
// returns the first error.
func writeAll(outDir string, names []string, files map[string][]byte) error {
	const workers = 4
	work := make(chan string)
	errs := make(chan error, workers)
	var wg gosync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var first error
			for rel := range work {
				if first == nil {
					first = atomicfile.WriteFile(filepath.Join(outDir, filepath.FromSlash(rel)), files[rel], 0o644)
				}
			}
			errs <- first
		}()
	}
	for _, rel := range names {
		work <- rel
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// safeRel accepts only clean relative slash paths that stay in the folder.
func safeRel(rel string) bool {
	return rel != "" && rel != ManifestName && path.Clean(rel) == rel && filepath.IsLocal(filepath.FromSlash(rel))
}

func readManifest(outDir string) (manifest, error) {
	var m manifest
	p := filepath.Join(outDir, ManifestName)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s is damaged (%v); remove it only if the folder holds nothing but published pages", p, err)
	}
	return m, nil
}

func writeManifest(outDir string, m manifest) error {
	m.Generator = "Lanemap"
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	p := filepath.Join(outDir, ManifestName)
	if cur, err := os.ReadFile(p); err == nil && bytes.Equal(cur, append(b, '\n')) {
		return nil
	}
	return atomicfile.WriteFile(p, append(b, '\n'), 0o644)
}
