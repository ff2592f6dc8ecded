// Package site publishes a process library as a static intranet site: an
// index with search and filters, one page per process (the map as inline
// SVG whose every element is keyboard-reachable and opens a details panel,
// the steps per lane as text, the handover table, metadata, breadcrumbs),
// one page per role ("vem gör vad"), a handover overview, and the PDF
// handbook from export/handbook.
//
// The map fits the column by default: the SVG scales by its viewBox
// (width 100 %, height auto). A map wider than 3:1 is shown at the scale
// it would have at 3:1 (never above natural size) and scrolls sideways,
// so its labels stay as large as on an ordinary map. The "Visa i full
// storlek" button shows the map at natural size in its scrolling box; the
// script reveals it, so without JavaScript the map simply fits.
//
// Before any work, Publish checks that the output folder (and the
// handbook's, when elsewhere) can be created and written (CheckOutput),
// so a bad folder fails at once with an OutputError and a report that
// claims nothing; Report.Handbook is set only once the PDF is on disk.
// CheckTargets also guards against publishing over the wrong thing: the
// manifest records the library that produced the site, by the random id
// in its library.IDFile and the folder it was published from, so a
// different library's publication into it fails with OutputOtherLibrary,
// and a non-empty folder with no manifest with OutputNotASite, both unless
// Options.Force; a folder in the library is always refused
// (OutputInLibrary). A site is the library's when the id matches (the
// same share mounted elsewhere, a moved library: re-publishing stays
// incremental), or the folder does (manifests from before ids, which the
// next publication upgrades; a read-only library that could not be given
// an id, noted in the report; a library whose id file was made anew).
// Manifests without a library are claimed by the next publication. The
// id file is made by the first publication that passes the checks, never
// by CheckTargets. A copy of a library carries its id and is the same
// library: published to the original's folder it replaces the site
// without --force (the user's intent when a share moves), and the report
// notes that the site was last published from another folder, naming it
// a copy when that folder still holds the same id; deleting the copy's id
// file makes it a library of its own. Pages are reused from disk only
// from a site of the same library.
//
// Document links (content.DocLink) that are file paths: a relative path
// to a file in the library (from the process file's folder, else the
// library's top; never outside it, never a .bpmn or hidden file) is
// copied once into resurser/dokument/ under a safe, unique name, listed
// in the manifest like every file we write (so a re-publish updates or removes the copy), and linked
// relatively; UNC and absolute paths become percent-encoded file: URLs
// noted as opening only on the organisation's network; a relative path to
// no file stays text and is warned about. The copies' names are part of
// the pages' context key, so reused pages never link a copy that is gone.
//
// Reflow (WCAG 2.1 1.4.10): below 40rem every table (class "stack")
// becomes a list of cards, each cell a line led by its column's name from
// its data-label attribute; wide screens keep the real table. Long words
// wrap anywhere and the header navigation wraps, so at 320–390 px only
// the map scrolls sideways, inside its own box.
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
