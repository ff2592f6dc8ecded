// Package corpus finds the shared BPMN interchange corpus for tests. It lives
// outside the repository (it is not ours to ship): LANEMAP_CORPUS names it,
// otherwise ../shared/bpmn-corpus beside the repository root is used.
package corpus
