// Package edit turns every user action on a BPMN model into one undoable
// command: a Session holds the document, the diagram being edited and the
// undo Stack, and has one method per user intent (AddNode, AddTyped,
// AppendNext, QuickAdd, MoveNodes, AttachBoundary, DetachBoundary, Connect,
// Delete, AddLane, ResizeLane, …).
//
// Design. A command records what it changed on its first Do: for every
// object it touches (node, flow, shape, edge, lane, process, pool) a deep
// copy of the struct before and after; for the big lists (nodes, flows,
// shapes, edges) the positions of what it inserted or removed; for lane
// membership the single flowNodeRef entries it added or removed. Undo walks
// these back in order; redo replays the list operations and sets the after
// values. Derived changes — lane membership, pool and lane growth, pushed
// pools, re-routed flows, containers, flows that had to change kind — are
// recorded the same way, so redo never recomputes and replays exactly.
// Nothing ever copies the whole document: a step costs in proportion to
// what it touched. The session's caches (who is inside, attached to and
// connected to whom; shapes by element) and the model's id index are
// updated incrementally on the first run and rebuilt lazily after undo. A
// method that fails rolls its partial work back and returns an error that
// names the element: bad input never panics and never changes the model.
//
// A Session belongs to one goroutine (the UI's); the model must change only
// through it, so that its caches and the undo history stay true.
//
// One gesture is one step: the canvas previews a drag itself and commits a
// single MoveNodes at the end; typing a name merges consecutive Rename calls
// of one element (Merger) unless the stack's clean mark lies between them
// or the caller sealed the run (Stack.Seal).
// The clean mark is the dirty flag: MarkClean after a save, Dirty() is true
// whenever the cursor is elsewhere, so undoing back to the saved state makes
// the document clean again.
//
// Lanes behave as in bpmn-js: flow nodes are listed (flowNodeRef) by every
// lane whose shape holds their centre, nested lanes included; adding a lane
// makes space and grows the pool; a balanced resize moves the neighbour's
// edge; deleting a lane gives its space to the neighbours (LaneContent
// tells beforehand what DeleteContent would delete). Pools keep their order
// and never overlap: a lane added above grows its pool upwards only when
// there is room before it, else the space opens downwards; a pool that
// grows pushes the pools after it away, and one that grew into the pool
// before it moves away itself. Horizontal and vertical pools share one code
// path through an axis abstraction.
//
// Routing. Route draws orthogonal waypoints between shape borders;
// MessageRoute runs message flows straight across pools, and a message
// flow that ran straight keeps its line when its ends move along it. The
// session then checks the route against the other shapes and, when it
// crosses one, takes the simplest clear Manhattan alternative (other
// columns, Ls, over or under, C shapes, detours), else a grid search
// (avoid.go). Names count too (DI label bounds, else where the renderer
// puts them — which is why edit imports draw, for the one font's metrics,
// beyond the model-only imports ARCHITECTURE.md plans), and so do the other flows: a route must not run along
// another flow for more than a few units — the branches of a fork or join
// included, so that each leaves (enters) at a point of its own, an
// activity's side offering ports a quarter off its middle — nor end at a
// gateway corner a flow of the other direction uses (every flow passing
// by counts, found through a spatial index of the routes); a new branch
// that would have to bend round an older sibling moves the sibling off its
// trunk instead when that costs the sibling no bend. Flows enter a gateway
// at its back corner and leave from
// the front one or the corner facing the target's lane, and a gateway
// named through the session gets its label above its front half, clear of
// all four corners. A flow's label keeps its share of the route's length and
// its offset. Moving keeps routes: a flow whose ends move together moves
// whole, one with one end moved keeps its inner bends and only its end
// segment follows (move.go keepBends), routed anew only when the kept
// bends would cross a shape. Appending (AppendNext, AppendInLane, AppendInNewLane, QuickAdd) places the new
// node where it overlaps nothing and its flow crosses nothing: in the
// source's row, in a new row beside an existing branch (the lane grows when
// full), or after making space — everything after the source moves one
// column on, in the same step, as diagram-js's space tool does (place.go).
//
// Step names. Label() is English; every Session command also implements
// Labeled, whose LabelKey the UI translates. The keys (LabelKeys lists
// them) and what Arg holds:
//
//	move               the moved element's name when one, else ""
//	resize, align, distribute, paste, duplicate, reconnect, editLinks,
//	editMeta, setDefault, editCondition, changeEventType, editRoute,
//	moveLabel, colour, addLane, resizeLane, splitLane, fitLane
//	                   ""
//	add                the name typed in QuickAdd ("Add Beviljas?")
//	addNode            the new node's BPMN kind (model.Kind, "userTask");
//	                   AddTyped too (a boundary event: "boundaryEvent")
//	append             the appended node's BPMN kind
//	delete             the deleted element's name when one, else ""
//	connect            the target's name
//	rename             the new name
//	editDocumentation  the element's name
//	changeType         the new BPMN kind
//	addPool            the new pool's name
//	deleteLane         the lane's name
//	moveLane           the lane's name
//	attach, detach     the boundary event's name (AttachBoundary,
//	                   DetachBoundary)
//	setRole            the role
package edit
