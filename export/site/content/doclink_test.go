package content

import "testing"

func TestDocLink(t *testing.T) {
	tests := []struct {
		href   string
		kind   LinkKind
		target string
	}{
		{"", LinkText, ""},
		{"https://intra.example/rutin.pdf", LinkURL, "https://intra.example/rutin.pdf"},
		{"mailto:a@b.se", LinkURL, "mailto:a@b.se"},
		{"javascript:alert(1)", LinkText, ""},
		{"JavaScript:alert(1)", LinkText, ""},
		{`\\server\share\rutin.docx`, LinkNetwork, "file://server/share/rutin.docx"},
		{`\\server\Delad mapp\Årsplan #2.docx`, LinkNetwork, "file://server/Delad%20mapp/%C3%85rsplan%20%232.docx"},
		{`//server/share/a.pdf`, LinkNetwork, "file://server/share/a.pdf"},
		{`\\server`, LinkText, ""},
		{`C:\Rutiner\Öppen rutin.pdf`, LinkNetwork, "file:///C:/Rutiner/%C3%96ppen%20rutin.pdf"},
		{`/srv/delat/rutin.pdf`, LinkNetwork, "file:///srv/delat/rutin.pdf"},
		{"rutiner/ekonomiskt-bistand.pdf", LinkRelative, "rutiner/ekonomiskt-bistand.pdf"},
		{`rutiner\sub\..\a.pdf`, LinkRelative, "rutiner/a.pdf"},
		{"../b.pdf", LinkRelative, "../b.pdf"},
		{"./", LinkText, ""},
	}
	for _, tc := range tests {
		k, tg := DocLink(tc.href)
		if k != tc.kind || tg != tc.target {
			t.Errorf("DocLink(%q) = %v %q, want %v %q", tc.href, k, tg, tc.kind, tc.target)
		}
	}
}
