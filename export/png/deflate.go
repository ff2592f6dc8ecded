package png

import (
	"bytes"
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
// encoder never looks at most of them: rows are compared with the row
// above eight or more bytes at a time, and a stretch of unchanged pixels
// becomes a run of zeros, written as back-references of distance 1 and
// counted into the Adler-32 checksum in closed form. Only changed pixels
// (edges, text: a few per cent of a map) go through an LZ77 match finder
// like zlib's fastest level (which finds the repeated labels and symbols
// of a row), and blocks are written with Huffman codes made for them.
type upEncoder struct {
	w   io.Writer
	bw  bitWriter
	pos int64 // bytes in the uncompressed stream so far

	// The last winSize bytes of the stream, at pos % winSize, where the
	// match finder checks its candidates; head maps a hash of four bytes
	// to the last position (+1) they were seen at.
	win  []byte
	head []int64

	zeros  int64 // zero bytes owed to the stream, written when data follows
	s1, s2 uint32
	blk    block
	diff   []byte  // filtered bytes of a stretch of changed pixels
	runs   []int32 // a segment's changed runs, when not found ahead
	err    error
}

const (
	winSize  = 1 << 16 // twice deflate's 32 KB window: data is added in pieces of at most winPiece before matching
	winMask  = winSize - 1
	winPiece = 16 << 10
	maxDist  = 32768
	hashBits = 15
	// minSame is the shortest stretch of unchanged pixels taken out of a
	// stretch of changed ones: shorter ones cost more as a token than as
	// data.
	minSame  = 3
	adlerMod = 65521
)

var filterUp = [1]byte{2} // a row's first byte: its filter, Up

func newUpEncoder(w io.Writer) *upEncoder {
	e := &upEncoder{w: w, s1: 1, win: make([]byte, winSize), head: make([]int64, 1<<hashBits)}
	e.bw.out = append(make([]byte, 0, outFlush+1024), 0x78, 0x01) // zlib: deflate, 32K window, no dictionary
	return e
}

// Row writes one row of RGBA pixels (every alpha 255), given as
// consecutive segments; above is the row before it, cut the same way, or
// nil for the first row. runs, if not nil, holds each segment's changed
// stretches as changedRuns finds them (found ahead by whoever painted the
// segment, while it was in the processor's cache).
func (e *upEncoder) Row(cur, above [][]byte, runs [][]int32) error {
	if e.err != nil {
		return e.err
	}
	e.data(filterUp[:])
	for i, seg := range cur {
		switch {
		case above == nil:
			e.changed(seg, nil)
		case runs != nil:
			e.segment(seg, above[i], runs[i])
		default:
			e.runs = changedRuns(e.runs[:0], seg, above[i])
			e.segment(seg, above[i], e.runs)
		}
	}
	if len(e.bw.out) >= outFlush {
		_, e.err = e.w.Write(e.bw.out)
		e.bw.out = e.bw.out[:0]
	}
	return e.err
}

// changedRuns appends to dst the stretches of cur to write as changed
// pixels, as pairs of pixel indices [start, end); the pixels between are
// the same as those above. Stretches of fewer than minSame unchanged
// pixels stay inside changed ones.
func changedRuns(dst []int32, cur, above []byte) []int32 {
	width := min(len(cur), len(above)) / 4
	x, start := 0, 0 // start: first changed pixel not yet in a run
	for x < width {
		n := samePixels(cur[4*x:4*width], above[4*x:4*width])
		if n >= minSame || x+n == width && n > 0 {
			if x > start {
				dst = append(dst, int32(start), int32(x))
			}
			x += n
			start = x
			continue
		}
		x += max(n, 1)
	}
	if start < width {
		dst = append(dst, int32(start), int32(width))
	}
	return dst
}

// samePixels counts the leading pixels of a equal to those of b.
func samePixels(a, b []byte) int {
	n := min(len(a), len(b))
	a, b = a[:n], b[:n]
	// bytes.Equal is vectorised: most of a map's rows equal the row above
	// all along or over long stretches.
	if bytes.Equal(a, b) {
		return n / 4
	}
	i := 0
	for i+64 <= n && bytes.Equal(a[i:i+64], b[i:i+64]) {
		i += 64
	}
	for ; i+8 <= n; i += 8 {
		if d := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); d != 0 {
			return (i + bits.TrailingZeros64(d)/8) / 4
		}
	}
	for i+4 <= n && binary.LittleEndian.Uint32(a[i:]) == binary.LittleEndian.Uint32(b[i:]) {
		i += 4
	}
	return i / 4
}

// segment writes a stretch of a row: the changed runs filtered, the
// pixels between as zeros.
func (e *upEncoder) segment(cur, above []byte, runs []int32) {
	x := 0
	for i := 0; i+1 < len(runs); i += 2 {
		a, b := int(runs[i]), int(runs[i+1])
		e.zeros += int64(3 * (a - x))
		e.changed(cur[4*a:4*b], above[4*a:4*b])
		x = b
	}
	e.zeros += int64(3 * (min(len(cur), len(above))/4 - x))
}

// changed writes pixels that differ from those above (or the first row,
// above nil) as filtered bytes.
func (e *upEncoder) changed(cur, above []byte) {
	for len(cur) > 0 {
		n := min(len(cur), 4*(winPiece/3)) &^ 3
		if cap(e.diff) < winPiece {
			e.diff = make([]byte, winPiece)
		}
		d := e.diff[:3*(n/4)]
		if above == nil {
			for x, j := 0, 0; j+2 < len(d); x, j = x+4, j+3 {
				d[j], d[j+1], d[j+2] = cur[x], cur[x+1], cur[x+2]
			}
		} else {
			above := above[:n]
			for x, j := 0, 0; j+2 < len(d) && x+3 < n; x, j = x+4, j+3 {
				d[j], d[j+1], d[j+2] = cur[x]-above[x], cur[x+1]-above[x+1], cur[x+2]-above[x+2]
			}
		}
		e.data(d)
		if n == 0 {
			return // less than a pixel left
		}
		cur = cur[n:]
		if above != nil {
			above = above[n:]
		}
	}
}

// flushZeros writes the zeros owed: a literal if the stream does not end
// in a zero, then back-references of distance 1.
func (e *upEncoder) flushZeros() {
	total := e.zeros
	if total == 0 {
		return
	}
	e.zeros = 0
	// Adler-32 of n zeros: s1 stays, s2 grows by n·s1.
	e.s2 = uint32((uint64(e.s2) + uint64(total)%adlerMod*uint64(e.s1)) % adlerMod)
	n := total
	if e.pos == 0 || e.win[(e.pos-1)&winMask] != 0 {
		e.blk.literal(0)
		n--
	}
	for n > 0 {
		if n < 3 {
			e.blk.literal(0)
			n--
			continue
		}
		l := min(n, 258)
		if r := n - l; r > 0 && r < 3 {
			l = n - 3 // no tail shorter than a match
		}
		e.blk.match(int(l), 1)
		n -= l
	}
	// The window needs only the zeros anything reads: a match from data
	// before them runs at most 258 bytes on, and the checks for repeats
	// look three bytes back (match candidates are data, never zeros).
	e.clearWin(e.pos, min(total, 258))
	e.clearWin(e.pos+total-min(total, 3), min(total, 3))
	e.pos += total
	e.flushBlockIfFull()
}

// clearWin zeroes n bytes of the window from stream position at.
func (e *upEncoder) clearWin(at, n int64) {
	for n > 0 {
		i := int(at & winMask)
		c := int(min(int64(winSize-i), n))
		clear(e.win[i : i+c])
		at, n = at+int64(c), n-int64(c)
	}
}

// data writes p (at most winPiece bytes) after the zeros owed: repeats of
// the pixel before as back-references of distance 3, other repeats the
// match finder sees, the rest as literals.
func (e *upEncoder) data(p []byte) {
	e.flushZeros()
	e.adler(p)
	// Into the window first, so matches may overlap their own data.
	for q, at := p, e.pos; len(q) > 0; {
		i := int(at & winMask)
		c := copy(e.win[i:], q)
		q, at = q[c:], at+int64(c)
	}
	win := e.win
	for i := 0; i < len(p); {
		at := e.pos + int64(i)
		// A pixel repeating the one before (a horizontal edge).
		if at >= 3 {
			k := i
			for k < len(p) && k-i < 258 && p[k] == win[(at+int64(k-i)-3)&winMask] {
				k++
			}
			if k-i >= 6 {
				e.blk.match(k-i, 3)
				i = k
				continue
			}
		}
		if i+4 <= len(p) {
			h := hash4(binary.LittleEndian.Uint32(p[i:]))
			cand := e.head[h] - 1
			e.head[h] = at + 1
			if d := at - cand; cand >= 0 && d <= maxDist {
				l := 0
				for l < 258 && i+l < len(p) && win[(cand+int64(l))&winMask] == p[i+l] {
					l++
				}
				if l >= 4 {
					e.blk.match(l, int(d))
					// One more table entry inside the match, as zlib's
					// fastest level does, so repeats of repeats are found.
					if j := i + l - 2; j+4 <= len(p) {
						e.head[hash4(binary.LittleEndian.Uint32(p[j:]))] = at + int64(l) - 2 + 1
					}
					i += l
					continue
				}
			}
		}
		e.blk.literal(p[i])
		i++
	}
	e.pos += int64(len(p))
	e.flushBlockIfFull()
}

func hash4(v uint32) uint32 { return (v * 0x1e35a7bd) >> (32 - hashBits) }

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

func (e *upEncoder) flushBlockIfFull() {
	if len(e.blk.toks) >= maxBlockTokens {
		e.blk.write(&e.bw, false)
	}
}

// Close writes the last block, pads to a byte and writes the checksum.
func (e *upEncoder) Close() error {
	if e.err != nil {
		return e.err
	}
	e.flushZeros()
	e.blk.write(&e.bw, true)
	e.bw.align()
	e.bw.out = binary.BigEndian.AppendUint32(e.bw.out, e.s2<<16|e.s1)
	_, e.err = e.w.Write(e.bw.out)
	e.bw.out = e.bw.out[:0]
	return e.err
}
