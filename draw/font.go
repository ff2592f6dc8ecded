package draw

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"lanemap/assets"
)

// Text layout constants. Every output uses them, so line breaks and line
// positions agree on screen, on paper and on the intranet.
const (
	// LineSpacing is the distance between baselines, in font sizes.
	LineSpacing = 1.2
	// NodeFontSize is the label size of flow nodes, data, artifacts and flows.
	NodeFontSize = 11
	// HeaderFontSize is the label size of pool and lane headers.
	HeaderFontSize = 12
)

// tableSize covers Latin, Latin-1, Latin Extended A/B, IPA, Greek, Cyrillic
// and more: advances for these runes are precomputed, so measuring Swedish
// text never takes a lock.
const tableSize = 0x800

// face holds the advance widths of one weight of the embedded font in ems.
type face struct {
	table     [tableSize]float32
	capHeight float64 // in ems

	mu    sync.Mutex
	font  *sfnt.Font
	buf   sfnt.Buffer
	extra map[rune]float32
}

var (
	facesOnce sync.Once
	faces     [2]*face // regular, bold
)

func loadFaces() {
	facesOnce.Do(func() {
		faces[0] = newFace(assets.FontRegular)
		faces[1] = newFace(assets.FontBold)
	})
}

// newFace parses a TTF. A font that does not parse (it is embedded, so only
// a broken build can cause that) falls back to a fixed-width estimate
// rather than failing every drawing.
func newFace(ttf []byte) *face {
	fc := &face{extra: map[rune]float32{}, capHeight: 0.714}
	f, err := sfnt.Parse(ttf)
	if err != nil {
		for i := range fc.table {
			fc.table[i] = 0.55
		}
		return fc
	}
	fc.font = f
	upem := fixed.Int26_6(f.UnitsPerEm()) << 6
	if m, err := f.Metrics(&fc.buf, upem, font.HintingNone); err == nil && m.CapHeight > 0 {
		fc.capHeight = float64(m.CapHeight) / float64(upem)
	}
	for r := rune(0); r < tableSize; r++ {
		fc.table[r] = fc.lookup(r)
	}
	return fc
}

// lookup asks the font for r's advance in ems. Callers hold mu or own fc.
func (fc *face) lookup(r rune) float32 {
	if fc.font == nil {
		return 0.55
	}
	switch {
	case r == '\t':
		r = ' '
	case unicode.IsControl(r):
		return 0
	}
	upem := fixed.Int26_6(fc.font.UnitsPerEm()) << 6
	gi, err := fc.font.GlyphIndex(&fc.buf, r)
	if err != nil {
		gi = 0
	}
	adv, err := fc.font.GlyphAdvance(&fc.buf, gi, upem, font.HintingNone)
	if err != nil {
		return 0.55
	}
	return float32(float64(adv) / float64(upem))
}

// advance is r's advance width in ems.
func (fc *face) advance(r rune) float64 {
	if r >= 0 && r < tableSize {
		return float64(fc.table[r])
	}
	fc.mu.Lock()
	a, ok := fc.extra[r]
	if !ok {
		a = fc.lookup(r)
		if len(fc.extra) < 1<<16 { // bounded: fuzzed text must not grow it forever
			fc.extra[r] = a
		}
	}
	fc.mu.Unlock()
	return float64(a)
}

func faceFor(bold bool) *face {
	loadFaces()
	if bold {
		return faces[1]
	}
	return faces[0]
}

// Measure returns the width of text set in the embedded font at size (in
// BPMN-DI units). It reads precomputed advances and is safe for concurrent use.
func Measure(text string, size float64, bold bool) float64 {
	fc := faceFor(bold)
	w := 0.0
	for _, r := range text {
		w += fc.advance(r)
	}
	return w * size
}

// Ascent is the distance from the top of a text line to its baseline at
// size. It centres capitals in the line box, which looks centred for the
// mixed-case labels of process maps.
func Ascent(size float64) float64 {
	return (LineSpacing + faceFor(false).capHeight) / 2 * size
}

// Wrap breaks text into lines no wider than maxWidth at size. Lines break
// at spaces (which are dropped) and after hyphens and slashes (kept);
// explicit newlines are kept as line breaks. A word wider than maxWidth is
// hyphenated, at a syllable when one fits (compound joints first, so
// Swedish words split as "verksamhets-system"), else after the last letter
// that fits; such a word may start at the end of the previous line. Every
// line holds at least one character, so a too-small maxWidth yields one
// character per line rather than a loop.
func Wrap(text string, maxWidth, size float64, bold bool) []string {
	if text == "" {
		return nil
	}
	if math.IsNaN(maxWidth) || maxWidth < 0 {
		maxWidth = 0
	}
	fc := faceFor(bold)
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var lines []string
	for para := range strings.SplitSeq(text, "\n") {
		lines = wrapPara(lines, strings.TrimSpace(para), maxWidth, size, fc)
	}
	// Drop trailing empty lines: they would only push the block upwards.
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// wrapPara wraps one paragraph (no newlines) and appends its lines.
func wrapPara(lines []string, p string, maxWidth, size float64, fc *face) []string {
	if p == "" {
		return append(lines, "")
	}
	limit := maxWidth / size // in ems
	const eps = 1e-9
	var line strings.Builder
	lineW := 0.0
	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lineW = 0
	}
	for len(p) > 0 {
		// Next piece: a word with its trailing break character.
		tok, rest := nextPiece(p)
		p = rest
		word := strings.TrimRight(tok, " ")
		ww := 0.0
		for _, r := range word {
			ww += fc.advance(r)
		}
		spaceW := float64(len(tok)-len(word)) * fc.advance(' ')
		if line.Len() > 0 && lineW+ww > limit+eps {
			// A word that must be split anyway starts on this line when a
			// syllable of it fits: "gör skydds-" rather than "gör" alone.
			rs := []rune(word)
			if cut := syllablePrefix(rs, limit-lineW, fc); ww > limit+eps && cut > 0 {
				line.WriteString(string(rs[:cut]) + "-")
				flush()
				word = string(rs[cut:])
				ww = fc.width(word)
			} else {
				flush()
			}
		}
		if line.Len() == 0 && ww > limit+eps {
			// Too long even alone: hyphenate.
			pieces := breakWord([]rune(word), limit, fc)
			for i, piece := range pieces {
				if i > 0 {
					flush()
				}
				line.WriteString(piece)
			}
			lineW = fc.width(pieces[len(pieces)-1])
		} else {
			line.WriteString(word)
			lineW += ww
		}
		if spaceW > 0 && line.Len() > 0 {
			line.WriteByte(' ')
			lineW += spaceW
		}
	}
	if line.Len() > 0 {
		flush()
	}
	return lines
}

// nextPiece splits off the first word of p together with the break that
// ends it: trailing spaces, or a hyphen or slash that stays with the word.
func nextPiece(p string) (piece, rest string) {
	i := 0
	for i < len(p) {
		r, n := utf8.DecodeRuneInString(p[i:])
		if r == ' ' || r == '\t' {
			break
		}
		i += n
		if (r == '-' || r == '/' || r == '\u2010' || r == '\u2013') && i > n {
			return p[:i], p[i:]
		}
	}
	j := i
	for j < len(p) && (p[j] == ' ' || p[j] == '\t') {
		j++
	}
	if j > i {
		// Collapse any run of blanks to one space.
		return p[:i] + " ", p[j:]
	}
	return p[:i], p[i:]
}

// width is the width of s in ems.
func (fc *face) width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += fc.advance(r)
	}
	return w
}

// breakWord splits a word wider than limit (in ems) into pieces that fit,
// each but the last ending in a hyphen when it breaks between letters.
// It prefers syllable breaks (see syllableBreak), then the last letter
// that fits; every piece holds at least one rune.
func breakWord(rs []rune, limit float64, fc *face) []string {
	var out []string
	hy := fc.advance('-')
	for len(rs) > 0 {
		// How many runes fit, with and without a hyphen after them.
		fit, fitHy, w := 0, 0, 0.0
		for i, r := range rs {
			w += fc.advance(r)
			if w > limit+1e-9 {
				break
			}
			fit = i + 1
			if w+hy <= limit+1e-9 {
				fitHy = i + 1
			}
		}
		if fit == len(rs) {
			out = append(out, string(rs))
			break
		}
		cut, hyphen := 0, false
		for i := fitHy; i >= 2; i-- {
			if len(rs)-i >= 3 && syllableBreak(rs, i) {
				cut, hyphen = i, true
				break
			}
		}
		// A compound joint after a genitive s ("verksamhets-system") beats
		// a later syllable break when it fills at least 40% of the line.
		pw := 0.0
		for i := 1; i <= fitHy; i++ {
			pw += fc.advance(rs[i-1])
			if i < cut && len(rs)-i >= 3 && pw >= 0.4*limit && genitiveJoint(rs, i) && syllableBreak(rs, i) {
				cut, hyphen = i, true
			}
		}
		if cut == 0 && fitHy >= 2 && unicode.IsLetter(rs[fitHy-1]) && unicode.IsLetter(rs[fitHy]) {
			cut, hyphen = fitHy, true
		}
		if cut == 0 {
			cut = max(fit, 1)
		}
		piece := string(rs[:cut])
		if hyphen {
			piece += "-"
		}
		out = append(out, piece)
		rs = rs[cut:]
	}
	return out
}

// syllablePrefix returns the syllable break of rs whose part with a
// hyphen fits in avail ems, leaving at least three runes: the last
// compound joint if there is one, else the last syllable if it keeps a
// third of the word; 0 for none.
func syllablePrefix(rs []rune, avail float64, fc *face) int {
	w, best, joint := fc.advance('-'), 0, 0
	for i := 1; i < len(rs)-2; i++ {
		w += fc.advance(rs[i-1])
		if w > avail+1e-9 {
			break
		}
		if i >= 2 && syllableBreak(rs, i) {
			best = i
			if genitiveJoint(rs, i) {
				joint = i
			}
		}
	}
	// A short first syllable ("om-", "ge-") reads worse than starting the
	// word on a new line.
	switch {
	case joint >= 4:
		return joint
	case best >= 4 && 3*best >= len(rs):
		return best
	}
	return 0
}

// syllableBreak reports whether a word may be split before rs[i]: a rough
// Swedish rule that puts the consonant, or the consonant cluster that can
// start a syllable (gr, pl, st, …), before a vowel onto the next line, so
// compounds tend to split at their joints: "genomförande-plan",
// "handläggare-gruppen", "skydds-bedömning", "social-tjänsten".
func syllableBreak(rs []rune, i int) bool {
	if i <= 0 || i+1 >= len(rs) || !isConsonant(rs[i]) {
		return false
	}
	// rs[i:] must start with the onset of the syllable whose vowel follows.
	j := i
	for j < len(rs) && isConsonant(rs[j]) {
		j++
	}
	if j >= len(rs) || !isVowel(rs[j]) {
		return false
	}
	onset := strings.ToLower(string(rs[i:j]))
	if len(rs[i:j]) > 1 && !onsets[onset] {
		return false
	}
	// The longest allowed onset wins: do not split one ("g|r").
	if i > 0 && isConsonant(rs[i-1]) && onsets[strings.ToLower(string(rs[i-1:j]))] {
		return false
	}
	// The part before the break must hold a vowel of its own.
	for _, r := range rs[:i] {
		if isVowel(r) {
			return true
		}
	}
	return false
}

// onsets are consonant clusters that may begin a Swedish syllable. Left
// out on purpose: s+l/m/n/v and s+k/p/t+r, which far more often straddle
// the genitive s of a compound ("kvalitets-ledning", "verksamhets-krav").
var onsets = map[string]bool{
	"bl": true, "br": true, "dr": true, "fl": true, "fr": true, "gl": true, "gr": true,
	"kl": true, "kr": true, "kv": true, "pl": true, "pr": true, "sk": true, "sp": true,
	"st": true, "tr": true, "tv": true, "tj": true, "kj": true, "sj": true, "skj": true, "stj": true,
}

// genitiveJoint reports a break after consonant + s before a consonant,
// where Swedish compounds usually join ("kvalitets|ledning").
func genitiveJoint(rs []rune, i int) bool {
	return i >= 2 && i < len(rs) && unicode.ToLower(rs[i-1]) == 's' && isConsonant(rs[i-2]) && isConsonant(rs[i])
}

func isVowel(r rune) bool {
	return strings.ContainsRune("aeiouyåäöéüAEIOUYÅÄÖÉÜ", r)
}

func isConsonant(r rune) bool { return unicode.IsLetter(r) && !isVowel(r) }
