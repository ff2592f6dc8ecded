// Package site publishes a process library as a static intranet site: an
// index with search and filters, one page per process (the map as inline
// SVG whose every element is keyboard-reachable and opens a details panel,
// the steps per lane as text, the handover table, metadata, breadcrumbs),
// one page per role ("vem gör vad"), a handover overview, and the PDF
// handbook from export/handbook.
//
// Design. Pages are rendered with html/template from embedded templates,
// so every name and text from a file is escaped; the maps come from
// export/svg, which escapes its own output. Everything is linked relatively
// and nothing is loaded from outside (CSS, JavaScript and the search index
// are local), so the folder works from file:// and from any static server;
// all content is in the HTML and the small script only adds filtering and
// the details panel. Rules on what may be published (and the words of the
// site in Swedish and English) live in the content package, shared with the
// handbook.
//
// Output is deterministic (no timestamps in pages; the handbook's dates are
// its edition date), so a re-publish compares bytes and writes only files
// that changed, each atomically. A manifest in the output folder lists the
// files we wrote: files of withdrawn or deleted processes are removed, and
// files we did not write are never overwritten or deleted.
package site
