package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// sideItem is one process in the sidebar.
type sideItem struct {
	Path   string
	Name   string
	Status string // model.Status… value
	Owner  string
	// Problem says why the file could not be read ("" = fine).
	Problem string
}

// sidebar lists the library's processes with their status and a search
// field; choosing one asks the app to open it.
type sidebar struct {
	items    []sideItem
	list     *widget.List
	search   *widget.Entry
	title    *widget.Label
	box      fyne.CanvasObject
	current  string // path of the open process, highlighted in the list
	onOpen   func(path string)
	onSearch func(q string)
	// quiet is set while the list's selection is moved by code, so that
	// OnSelected does not ask to open the file again.
	quiet bool
}

func newSidebar(onOpen func(string), onSearch func(string)) *sidebar {
	s := &sidebar{onOpen: onOpen, onSearch: onSearch}
	s.list = widget.NewList(
		func() int { return len(s.items) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			info := widget.NewLabel("")
			info.Truncation = fyne.TextTruncateEllipsis
			info.SizeName = theme.SizeNameCaptionText
			// Negative padding pulls the caption up under the name: the
			// labels' own insets already separate them.
			return container.New(layout.NewCustomPaddedVBoxLayout(-3*theme.Padding()), name, info)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < 0 || i >= len(s.items) {
				return
			}
			it := s.items[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(it.Name)
			info := StatusName(it.Status)
			if it.Owner != "" {
				if info != "" {
					info += " · "
				}
				info += it.Owner
			}
			if it.Problem != "" {
				info = "⚠ " + it.Problem
			}
			if info == "" {
				info = filepath.Base(it.Path)
			}
			box.Objects[1].(*widget.Label).SetText(info)
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		if s.quiet || i < 0 || i >= len(s.items) {
			return
		}
		if p := s.items[i].Path; p != s.current && s.onOpen != nil {
			s.onOpen(p)
		}
	}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.X("sidebar.search", "Search processes…"))
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(q string) {
		if s.onSearch != nil {
			s.onSearch(strings.TrimSpace(q))
		}
	}
	s.title = heading(lang.X("sidebar.title", "Processes"))
	s.box = container.NewBorder(container.NewVBox(s.title, s.search), nil, nil, nil, s.list)
	return s
}

// show replaces the list and keeps the open process highlighted.
func (s *sidebar) show(title string, items []sideItem) {
	s.items = items
	if title != "" {
		s.title.SetText(title)
	}
	s.list.Refresh()
	s.setCurrent(s.current)
}

// setCurrent highlights the open process without reopening it.
func (s *sidebar) setCurrent(path string) {
	s.current = path
	s.quiet = true
	defer func() { s.quiet = false }()
	for i, it := range s.items {
		if it.Path == path {
			s.list.Select(i)
			s.list.ScrollTo(i)
			return
		}
	}
	s.list.UnselectAll()
}
