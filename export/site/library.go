package site

import (
	"context"

	"lanemap/library"
	"lanemap/model"
)

// Publish publishes the processes of lib into outDir, as PublishInputs
// does, with opts.Library set to the library's folder. The library's index already knows each file's metadata, so files
// the rules leave out are never read.
func Publish(ctx context.Context, lib *library.Library, outDir string, opts Options) (Report, error) {
	opts.Library = lib.Dir()
	return PublishInputs(ctx, FromLibrary(lib), outDir, opts)
}

// FromLibrary offers every process of lib, with the index's metadata.
func FromLibrary(lib *library.Library) []Input {
	var out []Input
	for _, e := range lib.Entries() {
		rel := e.Path
		in := Input{Rel: rel, Hash: e.Hash, Load: func() (*model.Definitions, error) {
			doc, err := lib.Load(rel)
			if err != nil {
				return nil, err
			}
			// Publishing only reads: do not keep the file on the
			// library's list of documents open for editing.
			lib.Close(doc)
			return doc.Defs, nil
		}}
		if e.Err == "" {
			in.Meta = &model.Meta{Status: e.Status, Publish: e.Publish, Classification: e.Classification}
		}
		out = append(out, in)
	}
	return out
}
