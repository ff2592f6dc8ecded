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
// gaps between tasks, never through one, sheets overlap a little, and the
// lane header bands are painted again at the left of every sheet so each
// sheet still says whose lane is whose. The table of contents needs page
// numbers that are only known at the end, so its pages are reserved first
// (their count follows from the number of entries) and filled last.
package handbook
