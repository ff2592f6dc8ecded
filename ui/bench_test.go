package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"lanemap/edit"
	"lanemap/internal/gen"
)

// BenchmarkShowProcess measures making a generated process the open one:
// the canvas takes the session, the properties panel shows the metadata,
// the handover list and title refresh (what switching in the sidebar costs
// after the file is read).
func BenchmarkShowProcess(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			a := New(test.NewTempApp(b))
			a.setHandovers(true)
			d := gen.Collaboration(n)
			b.ResetTimer()
			for range b.N {
				a.setDocument(&document{defs: d, sess: edit.NewSession(d, nil)})
			}
		})
	}
}

// BenchmarkRenameThroughPanel measures one edit made in the properties
// panel with the handover list open: the command, the canvas's rebuild,
// the panel's refresh, the list and the title.
func BenchmarkRenameThroughPanel(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			a := New(test.NewTempApp(b))
			d := gen.Collaboration(n)
			a.setDocument(&document{defs: d, sess: edit.NewSession(d, nil)})
			a.setHandovers(true)
			var id string
			for _, nd := range d.Nodes {
				if nd.Kind.IsTask() {
					id = nd.ID
					break
				}
			}
			a.editor.SetSelection([]string{id})
			name := a.props.fields["name"]
			b.ResetTimer()
			for i := range b.N {
				name.SetText(fmt.Sprint("Steg ", i))
				name.commit()
			}
		})
	}
}
