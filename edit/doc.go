// Package edit turns every user action on a BPMN model into one undoable
// command: a Session holds the document, the diagram being edited and the
// undo Stack, and has one method per user intent (AddNode, AppendNext,
// QuickAdd, MoveNodes, Connect, Delete, AddLane, ResizeLane, …).
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
// edge; deleting a lane gives its space to the neighbours. A pool that
// grows pushes the pools after it away rather than overlap them.
// Horizontal and vertical pools share one code path through an axis
// abstraction. Route draws orthogonal waypoints between shape borders;
// MessageRoute runs message flows straight across pools.
package edit
