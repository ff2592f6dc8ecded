package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"lanemap/export/site"
	"lanemap/library"
)

func init() {
	Register(Verb{
		Name:    "publish",
		Args:    "LIBRARY OUTDIR",
		Summary: "publish a process library as a static intranet site and a PDF handbook",
		Run:     runPublish,
	})
}

func runPublish(env *Env, args []string) int {
	fs := NewFlags(env, verbs["publish"])
	lang := fs.String("lang", "sv", "language of the site and handbook: sv or en")
	drafts := fs.Bool("drafts", false, "also publish drafts and processes under review, clearly marked")
	pdf := fs.String("pdf", "", "write the PDF handbook to `FILE` (default OUTDIR/handbok.pdf)")
	noPDF := fs.Bool("no-pdf", false, "write no PDF handbook")
	page := fs.String("page", "a4", "handbook paper: a4 or a3")
	title := fs.String("title", "", "title on every page (default \"Processer\"/\"Processes\")")
	date := fs.String("date", "", "handbook edition `DATE` as YYYY-MM-DD (default today)")
	quiet := fs.Bool("q", false, "print nothing but errors")
	pos, code, ok := ParseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fs.Usage()
		return 2
	}
	if *lang != "sv" && *lang != "en" {
		fmt.Fprintf(env.Stderr, "lanemap publish: --lang must be sv or en, not %q\n", *lang)
		return 2
	}
	if *page != "a4" && *page != "a3" {
		fmt.Fprintf(env.Stderr, "lanemap publish: --page must be a4 or a3, not %q\n", *page)
		return 2
	}
	if *date != "" {
		if _, err := time.Parse("2006-01-02", *date); err != nil {
			fmt.Fprintf(env.Stderr, "lanemap publish: --date must be YYYY-MM-DD, not %q\n", *date)
			return 2
		}
	}
	libDir, outDir := pos[0], pos[1]
	if fi, err := os.Stat(libDir); err != nil || !fi.IsDir() {
		fmt.Fprintf(env.Stderr, "lanemap publish: %s is not a folder\n", libDir)
		return 1
	}
	if same(libDir, outDir) {
		fmt.Fprintln(env.Stderr, "lanemap publish: the output folder must not be the library folder")
		return 2
	}
	lib, err := library.Open(libDir, library.Options{})
	if err != nil {
		fmt.Fprintf(env.Stderr, "lanemap publish: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opts := site.Options{Lang: *lang, Drafts: *drafts, PDF: *pdf, NoPDF: *noPDF, Paper: *page, Title: *title, Date: *date}
	bar := newProgressBar(env.Stderr)
	if !*quiet && bar != nil {
		opts.Progress = bar.update
	}
	rep, err := site.Publish(ctx, lib, outDir, opts)
	if bar != nil {
		bar.done()
	}
	if !*quiet || err != nil {
		fmt.Fprint(env.Stderr, rep.Summary(*lang, outDir))
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "lanemap publish: %v\n", err)
		return 1
	}
	return 0
}

// same reports whether two paths name the same folder (or b lies in a).
func same(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// progressBar draws one updating line on a terminal; nil elsewhere, so
// logs and pipes get only the report.
type progressBar struct {
	w    io.Writer
	last string
}

func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progressBar{w: w}
}

func (b *progressBar) update(done, total int, what string) {
	if total <= 0 {
		return
	}
	const width = 30
	n := done * width / total
	what = filepath.Base(what)
	if len([]rune(what)) > 40 {
		what = string([]rune(what)[:39]) + "…"
	}
	line := fmt.Sprintf("\r[%s%s] %3d%% %s", strings.Repeat("#", n), strings.Repeat(" ", width-n), done*100/total, what)
	if line == b.last {
		return
	}
	pad := len([]rune(b.last)) - len([]rune(line))
	b.last = line
	fmt.Fprint(b.w, line+strings.Repeat(" ", max(pad, 0)))
}

func (b *progressBar) done() {
	if b.last != "" {
		fmt.Fprint(b.w, "\r"+strings.Repeat(" ", len([]rune(b.last)))+"\r")
	}
}
