package bpmn

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// canonical is an XML tree reduced to what XML means: element names as
// {uri}local, attributes as a sorted set (namespace declarations left
// out), text trimmed (whitespace-only text dropped, CDATA as text),
// comments and processing instructions kept.
type canonical struct {
	root *etree.Element
	ns   *nsTable
}

func canon(t testing.TB, data []byte) *canonical {
	t.Helper()
	p, err := parse(data)
	if err != nil {
		t.Fatalf("canonicalise: %v", err)
	}
	return &canonical{root: p.doc.Root(), ns: p.ns}
}

// attrURI resolves an attribute's namespace (unprefixed: none).
func attrURI(e *etree.Element, a etree.Attr) string {
	if a.Space == "" {
		return ""
	}
	return lookupPrefix(e, a.Space)
}

func (c *canonical) uri(e *etree.Element) string  { return c.ns.of(e) }
func (c *canonical) name(e *etree.Element) string { return "{" + c.uri(e) + "}" + e.Tag }

// line renders one element without its element children.
func (c *canonical) line(e *etree.Element) string {
	var attrs []string
	for _, a := range e.Attr {
		if a.Space == "xmlns" || (a.Space == "" && a.Key == "xmlns") {
			continue
		}
		attrs = append(attrs, fmt.Sprintf("{%s}%s=%q", attrURI(e, a), a.Key, a.Value))
	}
	sort.Strings(attrs)
	return c.name(e) + " " + strings.Join(attrs, " ")
}

// items lists e's canonical children: elements, text, comments, PIs.
func (c *canonical) items(e *etree.Element) []any {
	var out []any
	for _, t := range e.Child {
		switch x := t.(type) {
		case *etree.Element:
			out = append(out, x)
		case *etree.CharData:
			if s := strings.TrimSpace(x.Data); s != "" {
				out = append(out, "text:"+s)
			}
		case *etree.Comment:
			out = append(out, "comment:"+x.Data)
		case *etree.ProcInst:
			out = append(out, "pi:"+x.Target+" "+x.Inst)
		}
	}
	// Adjacent text runs (text + CDATA) count as one.
	var merged []any
	for _, it := range out {
		if s, ok := it.(string); ok && strings.HasPrefix(s, "text:") && len(merged) > 0 {
			if p, ok := merged[len(merged)-1].(string); ok && strings.HasPrefix(p, "text:") {
				merged[len(merged)-1] = p + strings.TrimPrefix(s, "text:")
				continue
			}
		}
		merged = append(merged, it)
	}
	return merged
}

// diff returns the first difference between two canonical trees, "" if equal.
func canonDiff(a, b *canonical) string {
	return diffElem(a, b, a.root, b.root, "/")
}

func diffElem(a, b *canonical, x, y *etree.Element, path string) string {
	path += x.Tag
	if id := attrv(x, "id"); id != "" {
		path += "[" + id + "]"
	}
	if la, lb := a.line(x), b.line(y); la != lb {
		return fmt.Sprintf("%s:\n  in:  %s\n  out: %s", path, la, lb)
	}
	ia, ib := a.items(x), b.items(y)
	for i := 0; i < len(ia) || i < len(ib); i++ {
		if i >= len(ia) {
			return fmt.Sprintf("%s: extra child %s", path, describe(b, ib[i]))
		}
		if i >= len(ib) {
			return fmt.Sprintf("%s: missing child %s", path, describe(a, ia[i]))
		}
		ea, okA := ia[i].(*etree.Element)
		eb, okB := ib[i].(*etree.Element)
		switch {
		case okA && okB:
			if d := diffElem(a, b, ea, eb, path+"/"); d != "" {
				return d
			}
		case okA || okB:
			return fmt.Sprintf("%s: child %d is %s in input, %s in output", path, i, describe(a, ia[i]), describe(b, ib[i]))
		case ia[i] != ib[i]:
			return fmt.Sprintf("%s: child %d: %q vs %q", path, i, ia[i], ib[i])
		}
	}
	return ""
}

func describe(c *canonical, it any) string {
	if e, ok := it.(*etree.Element); ok {
		return "<" + c.line(e) + ">"
	}
	return fmt.Sprintf("%q", it)
}

// byID flattens a canonical tree into one entry per element with an id
// (children with their own id appear as a reference only), so that two
// documents can be compared element by element: which ids differ.
func (c *canonical) byID() map[string]string {
	out := map[string]string{}
	var walk func(e *etree.Element, owner string, b *strings.Builder)
	walk = func(e *etree.Element, owner string, b *strings.Builder) {
		id := attrv(e, "id")
		if id != "" && c.uri(e) != LanemapNS {
			own := &strings.Builder{}
			own.WriteString(c.line(e))
			for _, it := range c.items(e) {
				if x, ok := it.(*etree.Element); ok {
					walk(x, id, own)
				} else {
					fmt.Fprintf(own, "\n%v", it)
				}
			}
			key := id
			for n := 2; out[key] != ""; n++ {
				key = fmt.Sprintf("%s#%d", id, n)
			}
			out[key] = own.String()
			fmt.Fprintf(b, "\n->%s", id)
			return
		}
		fmt.Fprintf(b, "\n<%s", c.line(e))
		for _, it := range c.items(e) {
			if x, ok := it.(*etree.Element); ok {
				walk(x, owner, b)
			} else {
				fmt.Fprintf(b, "\n%v", it)
			}
		}
		b.WriteString("\n>")
	}
	top := &strings.Builder{}
	walk(c.root, "", top)
	return out
}

// changedIDs lists the ids whose canonical content differs between a and b
// (including ids only one side has), sorted.
func changedIDs(a, b *canonical) []string {
	ma, mb := a.byID(), b.byID()
	var out []string
	for id, s := range ma {
		if mb[id] != s {
			out = append(out, id)
		}
	}
	for id := range mb {
		if _, ok := ma[id]; !ok {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// xmllintValid runs xmllint once over many files and returns which ones
// validate against the OMG schema. ok is false when xmllint is missing.
func xmllintValid(t testing.TB, xsd string, files []string) (valid map[string]bool, ok bool) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		return nil, false
	}
	valid = map[string]bool{}
	const chunk = 200
	for i := 0; i < len(files); i += chunk {
		part := files[i:min(i+chunk, len(files))]
		args := append([]string{"--noout", "--nonet", "--schema", xsd}, part...)
		out, _ := exec.Command(bin, args...).CombinedOutput()
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if f, found := strings.CutSuffix(sc.Text(), " validates"); found {
				valid[f] = true
			}
		}
	}
	return valid, true
}

// schemaDir finds the OMG schema: the corpus copy, else "".
func schemaPath() string {
	for _, p := range []string{os.Getenv("LANEMAP_CORPUS"), filepath.Join("..", "..", "shared", "bpmn-corpus")} {
		if p == "" {
			continue
		}
		x := filepath.Join(p, "xsd", "BPMN20.xsd")
		if _, err := os.Stat(x); err == nil {
			return x
		}
	}
	return ""
}
