// Package model holds a BPMN 2.0 file as plain Go data: the semantic part
// (collaborations, participants, processes, lane trees, flow nodes, flows,
// data and artifacts) and the diagram interchange part (diagrams, shapes and
// edges in BPMN-DI units), plus pure rules over them.
//
// Design: every flow node, data element and artifact lives in one flat list,
// Definitions.Nodes, and every connecting object in Definitions.Flows; each
// says which process, sub-process or collaboration holds it (Container).
// Flat lists keep lookups, drawing and editing simple; the bpmn package maps
// them back to the nested XML. Kind-specific attributes sit in the one Node
// struct so that changing a task's type is a field change, not a new object.
//
// The model knows nothing about XML. What it does not own (vendor
// extensions, unknown elements, comments) stays in bpmn.Source and survives
// a save untouched.
package model
