// Package bpmn reads and writes BPMN 2.0 XML (semantic model plus BPMN DI)
// without losing anything it does not understand.
//
// Design. Decode parses the bytes once, with a small tokenizer of its own
// (xmlscan.go), into an etree document (so prefixes, comments, processing
// instructions, CDATA and element order are kept as they were), recording
// each element's line and column and its namespace URI on the way. etree's
// own reader was not used: it records no positions, its default
// CharsetReader passes Latin-1 bytes through undecoded, and it (like
// encoding/xml underneath) allocates per name and token, which was most of
// the decode time. The tokenizer is checked token for token against
// encoding/xml over the corpus and by FuzzScanner. Then Decode walks the tree by
// namespace URI — never by prefix — and fills a model.Definitions. Only BPMN
// elements in their schema positions are interpreted; everything else
// (vendor extensions, unknown elements) stays opaque XML. The returned
// Source holds the document, an id → element index and a snapshot (a deep
// copy) of the model as decoded.
//
// Encode diffs the caller's model against that snapshot and changes only
// what differs in the document: attributes are set in place, new elements go
// to their XSD sequence position with the indentation of their siblings and
// the prefixes the document already binds, deleted elements leave together
// with their DI and the references to them. Then the tree is serialised
// (write.go) in the file's own encoding, line endings and BOM, keeping its
// empty-tag style ("<a/>" or "<a />"), explicit end tags, attribute layout
// over lines and spelling of character references, so that an unedited
// save is byte-identical for most files (67 of the 78 corpus files; the
// rest differ in a few lines XML does not distinguish). The snapshot is
// replaced, so a second Encode of the same model gives the same bytes. A
// nil Source means an empty document: everything is new and written fresh
// with the prefixes bpmn, bpmndi, dc and di.
//
// Reading warns rather than refuses: duplicate ids, dangling references,
// unknown elements, missing DI, edges with fewer than two waypoints, lanes
// without flowNodeRef (membership is then inferred from the layout; the
// inferred refs are written only once a lane of that process changes, and
// then for all its lanes, so none reads back empty) all become Warnings
// with a position. Malformed XML is a SyntaxError with line and
// column. A DOCTYPE is ignored (never resolved) and dropped with a warning;
// files over MaxFileSize or nested deeper than MaxDepth are refused.
// Encodings: a declared ISO-8859-1/windows-1252 (or any IANA label) is
// decoded and written back the same way (as UTF-8, declaration included,
// once an element or attribute name holds a character that encoding cannot:
// character references are not allowed in names); a file that says UTF-8
// but holds invalid bytes is read as Windows-1252 with a warning and saved
// as UTF-8.
//
// Two model conventions are not literal XML: a data store reference drawn
// outside every pool of a collaboration diagram gets the collaboration as
// its Container (the schema keeps it in a process; Encode puts it in the
// first pool's process, as bpmn.io does), and Node.CalledKind is derived
// from what calledElement names in the file.
//
// Elements are matched between model and snapshot by id (DI shapes and
// edges without an id by the element they show), so changing an id reads
// as deleting one element and adding another: its vendor content is lost.
//
// Nothing Encode removes is thrown away (removed.go): a deleted element,
// its DI shape or edge, a whole BPMNDiagram, the flowNodeRef, incoming and
// outgoing children that named it and the position of attributes such as
// default are kept in the Source with their parent, their neighbours
// (comments and text count; linked through other removed elements, so
// things removed together come back in order whatever order they return
// in) and the whitespace before them. When a later Encode meets the same
// id again (the editor's undo of a delete, even several saves later), the
// kept element goes back to its old place — or, if its neighbours changed
// so that place breaks the schema order, to its schema position — with
// everything it carried (extensionElements, vendor attributes, comments,
// BPMNLabel styles), and the model's current values are applied to it as
// to any element. References in it to things deleted meanwhile are
// dropped; references elsewhere that named it come back. The snapshot
// says what the file says where a model still names deleted elements, so
// those references are written again when the elements return. Number
// attributes keep their first spelling ("432.0") when a value comes back,
// and a process read without flowNodeRef drops the refs Encode wrote once
// its lanes are back to the inferred membership. Delete, save, undo, save
// therefore gives the original bytes (checked over testdata and the whole
// corpus, and by FuzzRoundTrip).
//
// Fields that are not literal XML: Node.CategoryValue is the value of the
// categoryValue a group's categoryValueRef names (searched across all
// categories); it is written only when changed, and a group that has no
// categoryValue, or shares one with a group showing another label, gets
// its own (in a new category) and its CategoryValueRef set in the model.
// Flow.HasCondition says a conditionExpression exists, even empty; a flow
// with a Condition text or HasCondition has one. Edge.MessageVisibleKind is
// BPMNEdge@messageVisibleKind. A new data input association gets the
// targetRef the schema requires: a "__targetRef_placeholder" property of
// the activity or throw event that reads (as bpmn.io does; a dataInput
// would read back as a new data node). Into a catch event or gateway, or
// out of a throw event, the schema has no place for one, so Encode refuses
// with an error naming it.
//
// Lanemap's own data lives in extensionElements under the namespace
// LanemapNS ("urn:lanemap:bpmn:1.0", prefix "lanemap", declared on
// definitions when first needed), so other tools keep it:
//
//	<bpmn:collaboration id="C">            (else the first process)
//	  <bpmn:extensionElements>
//	    <lanemap:meta>
//	      <lanemap:owner>…</lanemap:owner>           Meta.Owner
//	      <lanemap:maintainer>…</lanemap:maintainer> Meta.Maintainer
//	      <lanemap:version>…</lanemap:version>       Meta.Version
//	      <lanemap:status>…</lanemap:status>         Meta.Status
//	      <lanemap:approved>YYYY-MM-DD</lanemap:approved>
//	      <lanemap:review>YYYY-MM-DD</lanemap:review>
//	      <lanemap:classification>0-3</lanemap:classification>
//	      <lanemap:publish>true</lanemap:publish>
//	      <lanemap:link title="…" href="…"/>         Meta.Links, repeated
//	      <lanemap:tag>…</lanemap:tag>               Meta.Tags, repeated
//	    </lanemap:meta>
//
// Empty fields are left out. On any flow node, artifact or participant,
// <lanemap:link title="…" href="…"/> children of extensionElements are its
// Links; on a lane, <lanemap:role>…</lanemap:role> is its Role.
package bpmn
