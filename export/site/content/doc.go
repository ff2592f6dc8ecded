// Package content turns one process file into the text the published site
// and the PDF handbook both show: its steps per lane in flow order, the
// handovers between roles, the called processes, and whether the file may
// be published at all.
//
// Design: both outputs must say the same thing, so the digest is computed
// once, here, from the model alone (no drawing, no HTML, no PDF).
//
// Numbering. Steps are numbered once per process in flow order: a
// topological order of the sequence flows from the start events (flows
// that close a loop are left out), ties taken left to right, a boundary
// event right after its activity, a whole connected flow before the next
// start; steps no flow reaches follow in diagram order. A step therefore
// comes after every step that leads to it (a join after both branches),
// and every per-lane or per-role list, which keeps this order, counts
// upwards: gaps in a role's numbers are steps other roles do.
//
// Handovers. What a handover passes on (Words.Handed) is, in order: the
// flow's name, unless the flow leaves a gateway (there a name such as
// "Ja" is the answer, shown as the condition, "Komplett? Ja"); else the
// data objects the step before writes and the target reads (data
// associations), or all it writes; else "Resultatet av N. <steg>" for
// that step (through gateways with one incoming flow); else "–". Nothing
// is guessed from the target step's name.
//
// The digest carries kinds and reason codes, not sentences; Words turns
// them into Swedish or English, from the one table of texts both outputs
// share.
package content
