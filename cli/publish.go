package cli

import (
	"context"
	"errors"
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
	force := fs.Bool("force", false, "publish even into a folder that holds another library's site (it is replaced) or other files (they are kept, never overwritten); a folder in the library is always refused")
	pos, code, ok := ParseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fs.Usage()
		return 2
	}
	// Messages follow the user's locale; --lang only chooses the site's.
	msg := publishMessages[messageLang()]
	fail := func(code int, key string, a ...any) int {
		fmt.Fprintf(env.Stderr, "lanemap publish: "+msg[key]+"\n", a...)
		return code
	}
	if *lang != "sv" && *lang != "en" {
		return fail(2, "lang", *lang)
	}
	if *page != "a4" && *page != "a3" {
		return fail(2, "page", *page)
	}
	if *date != "" {
		if _, err := time.Parse("2006-01-02", *date); err != nil {
			return fail(2, "date", *date)
		}
	}
	libDir, outDir := pos[0], pos[1]
	if fi, err := os.Stat(libDir); err != nil || !fi.IsDir() {
		return fail(1, "notlib", libDir)
	}
	if same(libDir, outDir) {
		return fail(2, "samedir")
	}
	opts := site.Options{Lang: *lang, Drafts: *drafts, PDF: *pdf, NoPDF: *noPDF, Paper: *page, Title: *title, Date: *date, Force: *force}
	// The folders are checked before the library is read, so a bad or
	// foreign folder fails at once and nothing is said to be published.
	// (Publish checks again, with the library's own folder.)
	check := opts
	check.Library = libDir
	if err := site.CheckTargets(outDir, check); err != nil {
		return fail(1, "%s", outputMessage(msg, err))
	}
	lib, err := library.Open(libDir, library.Options{})
	if err != nil {
		return fail(1, "%s", err.Error())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgressBar(env.Stderr)
	if !*quiet && bar != nil {
		opts.Progress = bar.update
	}
	rep, err := site.Publish(ctx, lib, outDir, opts)
	if bar != nil {
		bar.done()
	}
	if err != nil {
		// No summary: it would name pages and a handbook that were not
		// written. The error says what stopped us.
		if errors.Is(err, site.ErrOutput) {
			return fail(1, "%s", outputMessage(msg, err))
		}
		if errors.Is(err, context.Canceled) {
			return fail(1, "cancelled")
		}
		return fail(1, "%s", err.Error())
	}
	if !*quiet {
		fmt.Fprint(env.Stderr, rep.Summary(messageLang(), outDir))
	}
	return 0
}

// messageLang is the language of the CLI's messages: the process locale
// (LC_ALL, else LC_MESSAGES, else LANG, as POSIX orders them) when it
// starts with "sv", else English.
func messageLang() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			if strings.HasPrefix(strings.ToLower(l), "sv") {
				return site.Swedish
			}
			return site.English
		}
	}
	return site.English
}

// publishMessages are the verb's own messages per language; %s and %q
// take the value named.
var publishMessages = map[string]map[string]string{
	site.English: {
		"lang":      "--lang must be sv or en, not %q",
		"page":      "--page must be a4 or a3, not %q",
		"date":      "--date must be YYYY-MM-DD, not %q",
		"notlib":    "%s is not a folder",
		"samedir":   "the output folder must not be the library folder",
		"cancelled": "cancelled; the files written so far are complete and listed in the folder's manifest",
		"%s":        "%s",

		site.OutputNotDir:       "%s is a file, not a folder; choose a folder",
		site.OutputNoCreate:     "cannot create the output folder %s: %v",
		site.OutputNotWritable:  "cannot write in the output folder %s: %v",
		site.OutputPDFIsDir:     "cannot write the handbook to %s: it is a folder; give a file name for --pdf",
		site.OutputOtherLibrary: "%s holds the site of another library (last published from %s); choose another folder or pass --force to replace it",
		site.OutputNotASite:     "%s is not empty and holds no Lanemap site; choose an empty folder or pass --force to publish into it (files there are never overwritten)",
		site.OutputInLibrary:    "%s is inside the library %s; choose a folder outside the library",
	},
	site.Swedish: {
		"lang":      "--lang ska vara sv eller en, inte %q",
		"page":      "--page ska vara a4 eller a3, inte %q",
		"date":      "--date ska vara ÅÅÅÅ-MM-DD, inte %q",
		"notlib":    "%s är ingen mapp",
		"samedir":   "utmappen får inte vara biblioteksmappen",
		"cancelled": "avbrutet; filerna som hann skrivas är hela och listade i mappens manifest",
		"%s":        "%s",

		site.OutputNotDir:       "%s är en fil, inte en mapp; välj en mapp",
		site.OutputNoCreate:     "kan inte skapa utmappen %s: %v",
		site.OutputNotWritable:  "kan inte skriva i utmappen %s: %v",
		site.OutputPDFIsDir:     "kan inte skriva handboken till %s: det är en mapp; ge ett filnamn till --pdf",
		site.OutputOtherLibrary: "%s innehåller webbplatsen för ett annat bibliotek (senast publicerat från %s); välj en annan mapp eller ange --force för att ersätta den",
		site.OutputNotASite:     "%s är inte tom och innehåller ingen Lanemap-webbplats; välj en tom mapp eller ange --force för att publicera dit (filer som finns där skrivs aldrig över)",
		site.OutputInLibrary:    "%s ligger i biblioteket %s; välj en mapp utanför biblioteket",
	},
}

// outputMessage words an output-folder error in the message language.
func outputMessage(msg map[string]string, err error) string {
	var oe *site.OutputError
	if !errors.As(err, &oe) {
		return err.Error()
	}
	reason := any(oe.Err)
	if oe.Err == nil {
		reason = "?"
	}
	switch oe.Problem {
	case site.OutputOtherLibrary, site.OutputInLibrary:
		reason = oe.Library
	}
	f := msg[oe.Problem]
	if strings.Count(f, "%") == 1 {
		return fmt.Sprintf(f, oe.Dir)
	}
	return fmt.Sprintf(f, oe.Dir, reason)
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
