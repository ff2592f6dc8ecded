package png

import (
	"encoding/binary"
	"io"
	"math/bits"
)

// upEncoder writes a PNG's image data: every row filtered with Up and
// compressed into one zlib stream.
//
// Why not compress/zlib: a map is mostly flat colour, so after the Up
// filter most bytes are zero, and zlib at its fastest level still hashes
// every byte (about 3 ns each, a second for a 324-million-pixel map). This
// encoder never looks at most of them: it compares each row with the one
// above eight bytes at a time, and a stretch of unchanged pixels becomes a
// run of zeros, written as back-references of distance 1 and counted into
// the Adler-32 checksum in closed form. Changed pixels (edges, text) are
// written as fixed-Huffman literals, with repeats of the pixel before (a
// horizontal edge) as back-references of distance 3. The price is a larger
// file where a picture is busy (fixed codes, no search for repeated glyphs).
type upEncoder struct {
	w io.Writer

	acc   uint64 // bits not yet in out, first bit lowest
	nacc  uint
	out   []byte
	last3 [3]byte // the stream's last three bytes, for back-references
	n     int     // bytes in the stream so far (back-references need 3)

	s1, s2 uint32 // Adler-32 of the stream so far
	diff   []byte // filtered bytes of a stretch of changed pixels
	err    error
}

const (
	outFlush = 64 << 10
	// minSame is the shortest stretch of unchanged pixels taken out of a
	// stretch of changed ones: shorter ones cost more as a token than
	// as literals.
	minSame  = 3
	adlerMod = 65521
)

var filterUp = [1]byte{2} // a row's first byte: its filter, Up

func newUpEncoder(w io.Writer) *upEncoder {
	e := &upEncoder{w: w, s1: 1, out: make([]byte, 0, outFlush+64)}
	e.out = append(e.out, 0x78, 0x01) // zlib: deflate, 32K window, no dictionary
	e.put(3, 3)                       // one final block of fixed Huffman codes
	return e
}

// Row writes one row of RGBA pixels (every alpha 255), given as
// consecutive segments; above is the row before it, cut the same way, or
// nil for the first row.
func (e *upEncoder) Row(cur, above [][]byte) error {
	if e.err != nil {
		return e.err
	}
	e.bytes(filterUp[:])
	for i, seg := range cur {
		if above == nil {
			e.changed(seg, nil)
		} else {
			e.segment(seg, above[i])
		}
	}
	return e.flushIfFull()
}

// segment writes a stretch of a row: unchanged pixels as zero runs,
// others filtered.
func (e *upEncoder) segment(cur, above []byte) {
	width := min(len(cur), len(above)) / 4
	x, start := 0, 0 // in pixels; start: first changed pixel not yet written
	for x < width {
		n := samePixels(cur[4*x:4*width], above[4*x:4*width])
		if n >= minSame || x+n == width && n > 0 {
			if x > start {
				e.changed(cur[4*start:4*x], above[4*start:4*x])
			}
			e.zeros(3 * n)
			x += n
			start = x
			continue
		}
		x += max(n, 1)
	}
	if start < width {
		e.changed(cur[4*start:4*width], above[4*start:4*width])
	}
}

// samePixels counts the leading pixels of a equal to those of b.
func samePixels(a, b []byte) int {
	n := min(len(a), len(b)) &^ 7
	i := 0
	for i < n {
		if d := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); d != 0 {
			return (i + bits.TrailingZeros64(d)/8) / 4
		}
		i += 8
	}
	for i+4 <= len(a) && i+4 <= len(b) && binary.LittleEndian.Uint32(a[i:]) == binary.LittleEndian.Uint32(b[i:]) {
		i += 4
	}
	return i / 4
}

// changed writes pixels that differ from those above (or the first row,
// above nil) as filtered bytes.
func (e *upEncoder) changed(cur, above []byte) {
	d := e.diff[:0]
	for x := 0; x+3 < len(cur); x += 4 {
		if above == nil {
			d = append(d, cur[x], cur[x+1], cur[x+2])
		} else {
			d = append(d, cur[x]-above[x], cur[x+1]-above[x+1], cur[x+2]-above[x+2])
		}
	}
	e.diff = d
	e.bytes(d)
}

// bytes writes p: literals, and back-references of distance 3 where a
// pixel repeats the one before.
func (e *upEncoder) bytes(p []byte) {
	e.adler(p)
	i := 0
	for i < len(p) {
		if e.n+i >= 3 {
			// Run of bytes equal to the byte three before.
			k := i
			for k < len(p) && p[k] == e.back(p, k, 3) {
				k++
			}
			if k-i >= 6 {
				e.matches(k-i, 3)
				i = k
				continue
			}
		}
		e.literal(p[i])
		i++
	}
	e.n += len(p)
	for _, b := range p[max(0, len(p)-3):] {
		e.last3 = [3]byte{e.last3[1], e.last3[2], b}
	}
}

// back is the stream byte dist before p[k], looking into the bytes
// written before p when k < dist.
func (e *upEncoder) back(p []byte, k, dist int) byte {
	if k >= dist {
		return p[k-dist]
	}
	return e.last3[3-dist+k]
}

// zeros writes n zero bytes: one literal if the stream does not end in a
// zero, then back-references of distance 1.
func (e *upEncoder) zeros(n int) {
	if n <= 0 {
		return
	}
	// Adler-32 of n zeros: s1 stays, s2 grows by n·s1.
	e.s2 = uint32((uint64(e.s2) + uint64(n)%adlerMod*uint64(e.s1)) % adlerMod)
	if e.n == 0 || e.last3[2] != 0 {
		e.literal(0)
		n--
		e.n++
	}
	if n < 3 {
		for range n {
			e.literal(0)
		}
	} else {
		e.matches(n, 1)
	}
	e.n += n
	e.last3 = [3]byte{}
}

// matches writes back-references of distance dist (1 or 3) covering
// n ≥ 3 bytes, none shorter than 3: a tail of one or two bytes is taken
// into the token before it.
func (e *upEncoder) matches(n, dist int) {
	dcode := uint64(bits.Reverse8(uint8(dist-1)) >> 3) // fixed 5-bit codes: 0 for 1, 2 for 3
	for n > 0 {
		l := min(n, 258)
		if r := n - l; r > 0 && r < 3 {
			l = n - 3
		}
		c := lengthCodes[l]
		e.put(uint64(c.bits)|dcode<<c.n, c.n+5)
		n -= l
	}
}

func (e *upEncoder) literal(b byte) {
	c := literalCodes[b]
	e.put(uint64(c.bits), c.n)
}

// put appends the n low bits of v to the stream.
func (e *upEncoder) put(v uint64, n uint) {
	e.acc |= v << e.nacc
	e.nacc += n
	if e.nacc >= 32 {
		e.out = binary.LittleEndian.AppendUint32(e.out, uint32(e.acc))
		e.acc >>= 32
		e.nacc -= 32
	}
}

// adler adds p to the running Adler-32 checksum.
func (e *upEncoder) adler(p []byte) {
	s1, s2 := e.s1, e.s2
	for len(p) > 0 {
		// 5552 bytes is the most that cannot overflow 32 bits between
		// reductions.
		k := min(len(p), 5552)
		for _, b := range p[:k] {
			s1 += uint32(b)
			s2 += s1
		}
		s1 %= adlerMod
		s2 %= adlerMod
		p = p[k:]
	}
	e.s1, e.s2 = s1, s2
}

func (e *upEncoder) flushIfFull() error {
	if len(e.out) >= outFlush {
		_, e.err = e.w.Write(e.out)
		e.out = e.out[:0]
	}
	return e.err
}

// Close ends the block (code 256, seven zero bits), pads to a byte and
// writes the checksum.
func (e *upEncoder) Close() error {
	if e.err != nil {
		return e.err
	}
	e.put(0, 7)
	for e.nacc > 0 {
		e.out = append(e.out, byte(e.acc))
		e.acc >>= 8
		e.nacc = uint(max(0, int(e.nacc)-8))
	}
	e.out = binary.BigEndian.AppendUint32(e.out, e.s2<<16|e.s1)
	_, e.err = e.w.Write(e.out)
	e.out = e.out[:0]
	return e.err
}

// code is a Huffman code with its extra bits, ready to write: first bit
// lowest.
type code struct {
	bits uint32
	n    uint
}

// literalCodes and lengthCodes are deflate's fixed Huffman codes (RFC 1951
// 3.2.6) for the literal bytes and for match lengths 3 to 258 with their
// extra bits.
var literalCodes, lengthCodes = fixedCodes()

func fixedCodes() (lit [256]code, length [259]code) {
	huff := func(sym int) code {
		var c, n int
		switch {
		case sym < 144:
			c, n = 0x30+sym, 8
		case sym < 256:
			c, n = 0x190+sym-144, 9
		case sym < 280:
			c, n = sym-256, 7
		default:
			c, n = 0xc0+sym-280, 8
		}
		return code{uint32(bits.Reverse16(uint16(c)) >> (16 - n)), uint(n)}
	}
	for b := range lit {
		lit[b] = huff(b)
	}
	// Length symbols 257… with their base lengths and extra bits.
	base := [...]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	extra := [...]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	for s := len(base) - 1; s >= 0; s-- {
		for l := base[s]; l < base[s]+1<<extra[s] && l <= 258; l++ {
			if length[l].n != 0 {
				continue // 258 has its own symbol, not 227 + 31
			}
			h := huff(257 + s)
			length[l] = code{h.bits | uint32(l-base[s])<<h.n, h.n + extra[s]}
		}
	}
	return lit, length
}
