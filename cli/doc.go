// Package cli holds Lanemap's command-line verbs. Each verb lives in its own
// file and registers itself in init; cmd/lanemap only calls Main. The verbs
// here need no display, so a `-tags nogui` build with CGO_ENABLED=0 carries
// all of them; the GUI build adds "open" on top.
package cli
