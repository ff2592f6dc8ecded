// Command lanemap is the Lanemap process-mapping tool: the editor by
// default, and headless verbs (check, convert, stats, gen, render, library,
// publish) for servers and scripts. main.go only hands the arguments to
// package cli; gui.go (default build) adds the editor, nogui.go (built with
// -tags nogui) explains its absence, so CGO_ENABLED=0 -tags nogui gives a
// binary that needs no display or graphics libraries.
package main
