package bpmn

import (
	"github.com/beevik/etree"
	"golang.org/x/text/encoding"

	"lanemap/model"
)

// Source is a loaded document kept for lossless saving: the etree document
// as read (or as last written), an id → element index for the semantic
// part and for the diagram part, and a snapshot of the model that the
// document currently expresses. Encode diffs a model against the snapshot
// and touches only the elements that differ.
//
// A Source belongs to one model; it is not safe for concurrent use.
type Source struct {
	doc  *etree.Document
	root *etree.Element
	ns   *nsTable
	// byID holds semantic elements (BPMN namespace) by id, first wins.
	byID map[string]*etree.Element
	// diagrams holds DI elements by diagram key (see diagramKey).
	diagrams map[string]*diSource
	// snap is the model the document expresses right now.
	snap *model.Definitions

	enc     encoding.Encoding
	encName string
	bom     bool
	crlf    bool

	// indent is one indentation step as seen in the file ("" = the file
	// is not indented, so new elements are not either).
	indent string
	// qnamePrefix is the prefix the document writes in QName references
	// such as bpmnElement ("" = unprefixed, the common case).
	qnamePrefix string
	// inOut is true when the document lists incoming/outgoing on flow nodes.
	inOut bool
	// inferred holds processes whose lane membership came from geometry
	// and is not in the document yet.
	inferred map[string]bool
	// inferredRefs keeps, per process read without flowNodeRef, the
	// membership inferred then (lane id → node ids): when a later model
	// is back to exactly that (an undo), the written refs go again.
	inferredRefs map[string]map[string][]string
	// fresh is true until a document made by newSource is first written.
	fresh bool
	// spacedEmpty: the file writes empty elements as "<a />".
	spacedEmpty bool
	// endTag marks childless elements the file wrote as "<a></a>".
	endTag map[*etree.Element]bool
	// layout keeps start tags whose attributes were not single-spaced.
	layout map[*etree.Element]*tagLayout
	// refs is how the file spells character references.
	refs refStyle
	// keep holds what Encode removed, for an undo to bring back (removed.go).
	keep *keeper
}

// diSource is one BPMNDiagram in the document.
type diSource struct {
	diagram, plane *etree.Element
	shapes         map[string]*etree.Element // by shapeKey
	edges          map[string]*etree.Element // by edgeKey
}

// newSource returns the Source of a fresh, empty document: Encode then
// writes everything as new.
func newSource() *Source {
	doc := etree.NewDocument()
	doc.WriteSettings.CanonicalAttrVal = true
	doc.WriteSettings.CanonicalText = true
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	doc.CreateText("\n")
	root := doc.CreateElement("bpmn:definitions")
	root.CreateAttr("xmlns:bpmn", Namespace)
	root.CreateAttr("xmlns:bpmndi", BPMNDI)
	root.CreateAttr("xmlns:dc", DC)
	root.CreateAttr("xmlns:di", DI)
	doc.CreateText("\n")
	return &Source{
		doc:      doc,
		root:     root,
		ns:       &nsTable{flat: true, rootNS: map[string]string{"bpmn": Namespace, "bpmndi": BPMNDI, "dc": DC, "di": DI}, uri: map[*etree.Element]string{}},
		byID:     map[string]*etree.Element{},
		diagrams: map[string]*diSource{},
		snap:     &model.Definitions{},
		indent:   "  ",
		inOut:    true,
		fresh:    true,
	}
}
