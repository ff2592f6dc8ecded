// Package content turns one process file into the text the published site
// and the PDF handbook both show: its steps per lane in reading order, the
// handovers between roles, the called processes, and whether the file may
// be published at all.
//
// Design: both outputs must say the same thing, so the digest is computed
// once, here, from the model alone (no drawing, no HTML, no PDF). Reading
// order follows the sequence flows breadth-first from the start events,
// which is how people read a swimlane map; nodes no flow reaches follow in
// left-to-right diagram order. The digest carries kinds and reason codes,
// not sentences; Words turns them into Swedish or English, from the one
// table of texts both outputs share.
package content
