package png

import (
	"encoding/binary"
	"io"
)

// upEncoder writes a PNG's image data: every row filtered with Up and
// compressed into one zlib stream.
//
// Why not compress/zlib: a map is mostly flat colour, so after the Up
// filter most bytes are zero, and zlib at its fastest level still hashes
// every byte (about 3 ns each, a second for a 324-million-pixel map). This
// encoder never looks at most of them: the painters have compared each
// row with the row above (filter.go) and hand over only the changed
// stretches; the unchanged pixels between become runs of zeros, written
// as back-references of distance 1 and counted into the Adler-32
// checksum in closed form. Only changed pixels
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
	err    error
}

const (
	winSize  = 1 << 16 // twice deflate's 32 KB window: data is added in pieces of at most winPiece before matching
	winMask  = winSize - 1
	winPiece = 16 << 10
	maxDist  = 32768
	hashBits = 15
	adlerMod = 65521
)

var filterUp = [1]byte{2} // a row's first byte: its filter, Up

func newUpEncoder(w io.Writer) *upEncoder {
	e := &upEncoder{w: w, s1: 1, win: make([]byte, winSize), head: make([]int64, 1<<hashBits)}
	e.bw.out = append(make([]byte, 0, outFlush+1024), 0x78, 0x01) // zlib: deflate, 32K window, no dictionary
	return e
}

// Row writes one row of the picture, made of segments: segment i is row k
// of diffs[i].
func (e *upEncoder) Row(diffs []*rowDiffs, k int) error {
	if e.err != nil {
		return e.err
	}
	e.data(filterUp[:])
	for _, d := range diffs {
		runs := d.runs[d.rowRuns[k]:d.rowRuns[k+1]]
		data := d.data[d.rowData[k]:d.rowData[k+1]]
		x := 0
		for i := 0; i+1 < len(runs); i += 2 {
			a, b := int(runs[i]), int(runs[i+1])
			e.zeros += int64(3 * (a - x))
			for n := 3 * (b - a); n > 0; {
				c := min(n, winPiece)
				e.data(data[:c])
				data, n = data[c:], n-c
			}
			x = b
		}
		e.zeros += int64(3 * (d.width - x))
	}
	if len(e.bw.out) >= outFlush {
		_, e.err = e.w.Write(e.bw.out)
		e.bw.out = e.bw.out[:0]
	}
	return e.err
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
