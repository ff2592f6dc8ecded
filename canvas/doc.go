// Package canvas is Lanemap's process-map editor widget for Fyne, built for
// modelling live on a projector: keyboard first, one undo step per gesture.
//
// # Design
//
// Fyne repaints the whole window on any change and pays about 150 µs per
// text object, so one Fyne object per shape gives 23 frames/s at 1,000
// nodes and 6 at 5,000. The editor therefore paints the static picture —
// the draw.Scene the exports also use — as one canvas.Raster, with
// raster.PaintClip for the visible region at the current zoom. The image is
// cached: it is repainted only when the scene or the view changes, and
// after a command only the old and new extents of the touched elements
// (edit.Change) are repainted. Live Fyne objects exist only for what moves
// or is transient: selection outlines and handles, the drag preview (ghost
// outlines and alignment guides), the lasso, the connect line, scroll
// indicators and the in-place label Entry; beyond 100 elements a
// selection or preview is one box. Overlay changes repaint the window
// through a tiny always-present object rather than the widget itself,
// whose refresh would free the picture's texture and upload it again on
// every frame of a drag.
//
// After a command that adds, removes or re-lanes elements the scene is
// built anew with draw.Build. After the others (moves within a lane,
// renames, resizes) only the touched elements are built, on a diagram
// holding just their shapes and edges, and their items replace the old
// ones in place, keeping the paint order; a test checks this against full
// builds. Hit-testing reads the same scene, so picking matches drawing.
//
// A drag shows a preview and commits one command on release (MoveNodes,
// ResizeNode, Connect, Reconnect, ResizeLane, MoveLane, AttachBoundary,
// DetachBoundary, AddTyped), so a gesture is one undo step. Moves snap the grabbed shape's centre to a 10-unit grid, or an
// edge or centre to the same line of a nearby shape, shown by a guide.
// Double clicks are timed here rather than by the driver, whose double-tap
// support would delay every single click.
//
// # Keys
//
// With a node selected:
//
//	Tab, Ctrl+Right        add the next task after it, in its lane
//	Ctrl+G                 add an exclusive gateway after it
//	Ctrl+E                 add an end event after it
//	Ctrl+Up, Ctrl+Down     add the next task in the lane above / below
//	Alt+Up, Alt+Down       move the selection to the lane above / below
//	                       (a selected lane swaps with its neighbour)
//	Right, Left            go to a successor / predecessor along the flow
//	Up, Down               go to a sibling (another branch); else the
//	                       nearest shape that way
//	Shift+arrows           nudge by one grid step (10 units)
//	Shift+Tab              go to a predecessor
//	any printable key      start the label editor with that character
//	Enter, F2              edit the label (all text selected)
//	Delete, Backspace      delete the selection
//
// In the label editor: Enter saves (one Rename), Shift+Enter breaks the
// line, Tab saves and adds the next task, Escape cancels, a click elsewhere
// saves. Space never starts the label editor: held Space pans.
//
// Always:
//
//	Escape                 cancel the gesture, then the tool, then the selection
//	Ctrl+Z                 undo
//	Ctrl+Shift+Z, Ctrl+Y   redo
//	Ctrl+C, Ctrl+X, Ctrl+V copy, cut, paste (at the pointer when it is
//	                       over the map and the spot is free; else 20
//	                       units right and down of the copied steps,
//	                       cascading, never exactly on an element)
//	Ctrl+D                 duplicate
//	Ctrl+A                 select all
//	Ctrl++ (Ctrl+=), Ctrl+-  zoom in / out
//	Ctrl+0                 fit the map, readably (below)
//	Ctrl+Shift+0           the whole map, however small (overview)
//	Ctrl+1                 100 %
//	Home, End              go to a start / end event (again: the next one)
//	Page Up, Page Down     scroll a screen
//
// Other keys without Ctrl or Alt (F1, …) go to OnUnhandledKey, so the app
// can open its Help while the map has the keyboard.
//
// Mouse: click selects, Shift+click toggles, drag on a node moves the
// selection, drag on empty space lassos (Shift adds), corner handles resize
// activities, the round handle right of a step (or any drag with the
// Connect tool) connects, the end handles of a selected flow reconnect it,
// dragging a pool's header band moves the pool with all it holds,
// dragging a lane's header band reorders it among its siblings (a ghost
// and an insertion line show where; one MoveLane on release),
// an intermediate event dragged onto the border of a task or sub-process
// attaches there as an interrupting boundary event (the host is outlined
// in green and the attach point marked; one AttachBoundary), a boundary
// event dragged along its host's border slides along it and dragged well
// away (40 screen units) detaches into an intermediate event
// (DetachBoundary); the same holds for a new event placed or dragged with
// a create tool, or dragged in from the app's palette (DragNew, DropNew),
// and typed elements (a timer event, a collapsed sub-process:
// CreateTypedTool) are placed whole in one step (edit.AddTyped),
// dragging the line between two lanes moves it (a pool's outer edge grows
// the pool), double-click edits the label, the wheel scrolls (Shift+wheel:
// sideways, Ctrl+wheel: zoom about the pointer), Space+drag, middle-drag,
// the Hand tool and the thin scroll bars (shown when part of the map is out
// of sight) pan. KeyMap returns this table, translated (key names too),
// for the app's Help.
//
// # View
//
// A map opens (SetSession → ResetView) and Ctrl+0 fits it (ZoomFit) never
// below readableZoom, 85 %: 11-unit labels stay about 9.4 units high, the
// least a projector shows legibly. A map too big for that opens at its
// start — the diagram's top-left, with the start event in sight — and
// Ctrl+Shift+0 (ZoomFitAll) gives the overview at any zoom. A fitted view
// follows resizes until the user works in the map; after that the map
// stays still in the window when the widget is resized or moved (the
// side panels change width with the selection): keeping the widget's
// middle still would shift it by half the change. Selecting,
// appending and pasting scroll the element into view together with its
// label and connect handle; the scroll bars' extent includes labels and a
// margin for the handles.
package canvas
