package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lanemap/bpmn"
	"lanemap/model"
)

// FuzzPublishFile reads any bytes as a BPMN file and, when the reader
// accepts them, publishes the result (site pages in memory and the
// handbook): nothing may panic, and no page may carry a script or an event
// handler that did not come from us.
func FuzzPublishFile(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.bpmn"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p" name="&lt;script&gt;"><task id="t" name="x"/></process></definitions>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, _, _, err := bpmn.Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		d.Meta.Publish, d.Meta.Status, d.Meta.Classification = true, model.StatusApproved, 0
		in := Input{Rel: "f.bpmn", Load: func() (*model.Definitions, error) { return d, nil }}
		var rep Report
		files, _, procs, err := buildWith(context.Background(), []Input{in}, Options{}, &rep, func(string) {}, handbookName, nil)
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		for rel, b := range files {
			if !strings.HasSuffix(rel, ".html") {
				continue
			}
			doc, err := html.Parse(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			walk(doc, func(n *html.Node) {
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") {
						t.Fatalf("%s: event handler %s", rel, a.Key)
					}
				}
				if n.Data == "script" && attr(n, "src") == "" && attr(n, "type") != "application/json" {
					t.Fatalf("%s: inline script", rel)
				}
			})
		}
		if _, err := handbookPDF(context.Background(), procs, Options{Date: "2026-11-23"}, true, nil); err != nil {
			t.Fatalf("handbook: %v", err)
		}
	})
}
