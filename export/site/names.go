package site

import (
	"strconv"
	"strings"
)

// maxSlug keeps file names well inside every file system's limits, with room
// for a "-NN" suffix and the extension.
const maxSlug = 60

// reserved are names Windows refuses for files whatever the extension, plus
// the names our own folders use for their index pages.
var reserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true, "index": true,
	"com0": true, "com1": true, "com2": true, "com3": true, "com4": true, "com5": true,
	"com6": true, "com7": true, "com8": true, "com9": true,
	"lpt0": true, "lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true,
	"lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// fold maps letters common in Swedish and its neighbours to plain ASCII.
var asciiFold = strings.NewReplacer(
	"å", "a", "ä", "a", "ö", "o", "Å", "a", "Ä", "a", "Ö", "o",
	"é", "e", "è", "e", "ë", "e", "ü", "u", "æ", "ae", "ø", "o", "Æ", "ae", "Ø", "o", "ß", "ss",
)

// Slug turns any name into a safe file-name stem: lower-case ASCII letters,
// digits and single dashes; never empty, never "..", never a reserved name.
// fallback is used when nothing of s survives.
func Slug(s, fallback string) string {
	s = strings.ToLower(asciiFold.Replace(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= maxSlug {
			break
		}
	}
	out := b.String()
	if out == "" {
		out = fallback
	}
	if reserved[out] {
		out += "-1"
	}
	return out
}

// namer hands out unique slugs within one folder.
type namer struct{ used map[string]bool }

func newNamer() *namer { return &namer{used: map[string]bool{}} }

// name returns Slug(s, fallback), made unique by a numeric suffix.
func (n *namer) name(s, fallback string) string {
	base := Slug(s, fallback)
	out := base
	for i := 2; n.used[out] || reserved[out]; i++ {
		out = base + "-" + strconv.Itoa(i)
	}
	n.used[out] = true
	return out
}
