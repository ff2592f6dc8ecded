package draw

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestMeasure(t *testing.T) {
	if w := Measure("", 11, false); w != 0 {
		t.Errorf("empty text width %v", w)
	}
	a := Measure("Handläggare", 11, false)
	if a < 40 || a > 80 {
		t.Errorf("Handläggare at 11 is %v wide, want a plausible 40–80", a)
	}
	if b := Measure("Handläggare", 22, false); math.Abs(b-2*a) > 1e-9 {
		t.Errorf("width does not scale with size: %v vs 2×%v", b, a)
	}
	if bold := Measure("Handläggare", 11, true); bold <= a {
		t.Errorf("bold (%v) not wider than regular (%v)", bold, a)
	}
	// å ä ö have real glyphs: as wide as the base letters, not a fallback box.
	for _, pair := range [][2]string{{"å", "a"}, {"ä", "a"}, {"ö", "o"}, {"Å", "A"}, {"Ö", "O"}} {
		if x, y := Measure(pair[0], 11, false), Measure(pair[1], 11, false); math.Abs(x-y) > 0.01 {
			t.Errorf("%s is %v wide, %s is %v", pair[0], x, pair[1], y)
		}
	}
	// Runes beyond the precomputed table take the slow path and are cached.
	if w := Measure("→✓", 11, false); w <= 0 {
		t.Errorf("arrows measured %v", w)
	}
	if x, y := Measure("ii", 11, false), Measure("WW", 11, false); x >= y {
		t.Errorf("proportional font expected: ii=%v WW=%v", x, y)
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"empty", "", 90, nil},
		{"fits", "Utred behov", 200, []string{"Utred behov"}},
		{"breaks at spaces", "Pröva ansökan om bistånd enligt SoL", 100, []string{"Pröva ansökan om", "bistånd enligt SoL"}},
		{"newlines kept", "Rad ett\nRad två", 200, []string{"Rad ett", "Rad två"}},
		{"blank runs collapse", "a   b", 200, []string{"a b"}},
		{"hyphen break stays on line", "vård-och-omsorgsboende", 90, []string{"vård-och-", "omsorgsboende"}},
		{"long word hyphenated at a joint", "Biståndshandläggaregruppen", 70, []string{"Bistånds-", "handläggare-", "gruppen"}},
		{"genitive s stays left", "verksamhetskrav", 70, []string{"verksamhets-", "krav"}},
		{"genitive joint preferred to a later syllable", "Kvalitetsledningssystem", 90, []string{"Kvalitets-", "ledningssystem"}},
		{"syllable break, not a letter break", "omhändertagande", 70, []string{"omhänderta-", "gande"}},
		{"a compound starts on the line when its joint fits", "Registrera och gör skyddsbedömning", 90, []string{"Registrera och", "gör skydds-", "bedömning"}},
		{"a short first syllable starts a new line instead", "Upprätta vårdplan och genomförandeplan", 90, []string{"Upprätta", "vårdplan och", "genomförande-", "plan"}},
		{"onset cluster moves right", "genomförandeplan", 90, []string{"genomförande-", "plan"}},
		{"no syllable break fits: hyphen after what fits", "xxxxxxxxxxxxxxxxxxxx", 40, []string{"xxxxxx-", "xxxxxx-", "xxxxxx-", "xx"}},
		{"digits are cut without a hyphen", "12345678901234567890", 60, []string{"123456789", "012345678", "90"}},
		{"zero width: one rune a line", "åäö", 0, []string{"å", "ä", "ö"}},
		{"trailing blank lines dropped", "x\n\n", 90, []string{"x"}},
		{"inner blank line kept", "x\n\ny", 90, []string{"x", "", "y"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Wrap(tc.text, tc.width, 11, false)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Wrap(%q, %v) = %q, want %q", tc.text, tc.width, got, tc.want)
			}
		})
	}
}

// TestWrapRespectsWidth: every line fits unless it is a single rune, and
// no text is lost (apart from the blanks at breaks).
func TestWrapRespectsWidth(t *testing.T) {
	texts := []string{
		"Överklagande av beslut om insats enligt socialtjänstlagen (2001:453) kap 4 § 1",
		"Ärendet aktualiseras genom ansökan, anmälan eller på annat sätt",
		"Kvalitetsledningssystem för socialtjänsten SOSFS 2011:9 — rutin för avvikelsehantering",
		strings.Repeat("å", 100),
	}
	for _, text := range texts {
		for _, w := range []float64{1, 20, 50, 90, 140, 300} {
			for _, bold := range []bool{false, true} {
				lines := Wrap(text, w, 11, bold)
				for _, l := range lines {
					if utf8.RuneCountInString(l) > 1 && Measure(l, 11, bold) > w+1e-6 {
						t.Errorf("w=%v bold=%v: line %q is %v wide", w, bold, l, Measure(l, 11, bold))
					}
				}
				// Only blanks go and hyphens come.
				strip := strings.NewReplacer(" ", "", "-", "")
				if join := strip.Replace(strings.Join(lines, "")); join != strip.Replace(text) {
					t.Errorf("w=%v: text changed: %q", w, lines)
				}
			}
		}
	}
}

func TestAscent(t *testing.T) {
	a := Ascent(10)
	if a <= 5 || a >= 12 {
		t.Errorf("Ascent(10) = %v", a)
	}
}

// FuzzWrap: lines fit (or hold one rune), nothing but blanks is lost and
// only hyphens are added.
func FuzzWrap(f *testing.F) {
	f.Add("Pröva ansökan om bistånd enligt socialtjänstlagen", 90.0)
	f.Add("Kvalitetsledningssystem för socialtjänsten", 40.0)
	f.Add("a-b-c-d\n\nx/y åäö", 5.0)
	f.Fuzz(func(t *testing.T, text string, w float64) {
		if !utf8.ValidString(text) {
			return
		}
		lines := Wrap(text, w, 11, false)
		limit := w // Wrap treats negative and NaN widths as zero
		if !(limit > 0) {
			limit = 0
		}
		for _, l := range lines {
			if utf8.RuneCountInString(strings.TrimSuffix(l, "-")) > 1 && Measure(l, 11, false) > limit+1e-6 {
				t.Fatalf("line %q is %v wide, limit %v", l, Measure(l, 11, false), limit)
			}
		}
		strip := func(s string) string {
			return strings.Map(func(r rune) rune {
				if r == '-' || unicode.IsSpace(r) {
					return -1
				}
				return r
			}, s)
		}
		if got, want := strip(strings.Join(lines, "")), strip(text); got != want {
			t.Fatalf("text changed: %q → %q", text, lines)
		}
	})
}
