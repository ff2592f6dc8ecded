// Package handbook writes the PDF process handbook: a cover, a table of
// contents with links and PDF bookmarks, and per process its map as vector
// graphics followed by its steps per lane and its handovers as text, every
// page with a header and footer naming the process, its owner, version,
// classification, the edition date and "sida n av m".
//
// Design. The text comes from content.Digest, the same digest the web site
// shows, so paper and intranet never disagree. The map is the shared
// draw.Scene painted by export/pdf. A map that would need text smaller than
// MinTextPt to fit one landscape sheet is tiled instead: cuts fall in the
// gaps between tasks, never through one, and between labels where the gaps
// allow; sheets overlap a little, and the lane header bands are painted
// again at the left of every sheet (beside the map's clipped window, never
// over it) so each sheet still says whose lane is whose. A vertical pool
// (lanes as columns, bands along the top) gets the same along the top of
// every sheet below the first row; the rows leave room for that band. A pool or
// lane name is moved to the middle of the part of its band a sheet shows
// (when that part holds it), so a lane wider or taller than a sheet is
// named on every sheet it spans. A label a sheet's
// edge would cut is drawn only on the sheet that shows it whole (or, when
// none does, where it starts), so no sheet shows a fragment of it.
//
// Tables (the handovers) are planned before drawing (planTable): a table
// that fits a page is moved whole rather than split, a longer one keeps at
// least three rows under its header on every page, and the header row is
// repeated at the top of each page it continues on. The table of contents needs page
// numbers that are only known at the end, so its pages are reserved first
// (their count follows from the number of entries) and filled last.
package handbook
