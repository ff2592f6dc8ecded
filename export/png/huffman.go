package png

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// Deflate blocks (RFC 1951): tokens gathered by upEncoder are written with
// Huffman codes built for each block, or with the fixed codes when those
// come out shorter (a small last block).

const (
	outFlush       = 64 << 10 // bytes of output handed on at a time
	maxBlockTokens = 1 << 15
	matchFlag      = 1 << 31
	maxCodeBits    = 15 // for literals, lengths and distances
	maxCLCodeBits  = 7  // for the code that codes the code lengths
)

// bitWriter collects bits, first bit lowest, into out.
type bitWriter struct {
	acc uint64
	n   uint
	out []byte
}

// put appends the n ≤ 32 low bits of v.
func (w *bitWriter) put(v uint64, n uint) {
	w.acc |= v << w.n
	w.n += n
	if w.n >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

// align pads with zero bits to a whole byte and moves everything to out.
func (w *bitWriter) align() {
	for w.n > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= min(w.n, 8)
	}
}

// block is the tokens of one deflate block with their symbol counts. A
// token is a literal byte, or matchFlag | (length-3)<<15 | (distance-1).
type block struct {
	toks []uint32
	lit  [286]uint32 // literal/length symbols; 256 ends the block
	dist [30]uint32
}

func (b *block) literal(c byte) {
	b.toks = append(b.toks, uint32(c))
	b.lit[c]++
}

// match adds a back-reference of length 3–258 and distance 1–32768.
func (b *block) match(length, dist int) {
	b.toks = append(b.toks, matchFlag|uint32(length-3)<<15|uint32(dist-1))
	b.lit[257+lengthCodes[length].sym]++
	b.dist[distCode(dist).sym]++
}

// symbol is a length or distance symbol with its extra bits.
type symbol struct {
	sym   uint16
	n     uint   // extra bits
	extra uint32 // their value
}

var lengthCodes = func() (t [259]symbol) {
	for l := 3; l <= 258; l++ {
		v := l - 3
		switch {
		case l == 258:
			t[l] = symbol{sym: 28}
		case v < 8:
			t[l] = symbol{sym: uint16(v)}
		default:
			n := bits.Len(uint(v)) - 3
			t[l] = symbol{uint16(4*n + 4 + v>>n&3), uint(n), uint32(v & (1<<n - 1))}
		}
	}
	return t
}()

func distCode(d int) symbol {
	v := d - 1
	if v < 4 {
		return symbol{sym: uint16(v)}
	}
	n := bits.Len(uint(v)) - 2
	return symbol{uint16(2*n + 2 + v>>n&1), uint(n), uint32(v & (1<<n - 1))}
}

// fixedLit and fixedDist are the code lengths of the fixed codes.
var fixedLit, fixedDist = func() (lit [288]uint8, dist [30]uint8) {
	for i := range lit {
		switch {
		case i < 144:
			lit[i] = 8
		case i < 256:
			lit[i] = 9
		case i < 280:
			lit[i] = 7
		default:
			lit[i] = 8
		}
	}
	for i := range dist {
		dist[i] = 5
	}
	return lit, dist
}()

// clOrder is the order in which code-length code lengths are sent.
var clOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// write writes the block (final: as the stream's last) and empties it.
func (b *block) write(w *bitWriter, final bool) {
	b.lit[256]++
	var litLen [286]uint8
	var distLen [30]uint8
	// At least two symbols in each code, so every code is complete.
	litF, distF := b.lit, b.dist
	if used(litF[:]) < 2 {
		litF[0]++
	}
	for i := 0; used(distF[:]) < 2; i++ {
		distF[i]++
	}
	huffLengths(litF[:], maxCodeBits, litLen[:])
	huffLengths(distF[:], maxCodeBits, distLen[:])
	hdr := dynamicHeader(litLen[:], distLen[:])

	extra := 0 // the extra bits, the same under either code
	for s := 0; s < 29; s++ {
		extra += int(b.lit[257+s]) * int(lengthExtra[s])
	}
	for s := range b.dist {
		extra += int(b.dist[s]) * int(distExtra[s])
	}
	dynBits, fixBits := hdr.bits+extra, extra
	for s, f := range b.lit {
		dynBits += int(f) * int(litLen[s])
		fixBits += int(f) * int(fixedLit[s])
	}
	for s, f := range b.dist {
		dynBits += int(f) * int(distLen[s])
		fixBits += int(f) * int(fixedDist[s])
	}

	var flag uint64
	if final {
		flag = 1
	}
	var litCodes [288]uint16
	var distCodes [30]uint16
	if fixBits <= dynBits {
		w.put(flag|1<<1, 3)
		canonical(fixedLit[:], litCodes[:])
		canonical(fixedDist[:], distCodes[:])
		b.writeTokens(w, litCodes[:], fixedLit[:], distCodes[:], fixedDist[:])
	} else {
		w.put(flag|2<<1, 3)
		hdr.write(w)
		canonical(litLen[:], litCodes[:])
		canonical(distLen[:], distCodes[:])
		b.writeTokens(w, litCodes[:], litLen[:], distCodes[:], distLen[:])
	}
	b.toks = b.toks[:0]
	b.lit, b.dist = [286]uint32{}, [30]uint32{}
}

var lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
var distExtra = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}

func (b *block) writeTokens(w *bitWriter, litCodes []uint16, litLen []uint8, distCodes []uint16, distLen []uint8) {
	for _, t := range b.toks {
		if t&matchFlag == 0 {
			w.put(uint64(litCodes[t]), uint(litLen[t]))
			continue
		}
		l := lengthCodes[t>>15&0xff+3]
		s := 257 + int(l.sym)
		w.put(uint64(litCodes[s])|uint64(l.extra)<<litLen[s], uint(litLen[s])+l.n)
		d := distCode(int(t&0x7fff) + 1)
		w.put(uint64(distCodes[d.sym])|uint64(d.extra)<<distLen[d.sym], uint(distLen[d.sym])+d.n)
	}
	w.put(uint64(litCodes[256]), uint(litLen[256]))
}

func used(freq []uint32) int {
	n := 0
	for _, f := range freq {
		if f > 0 {
			n++
		}
	}
	return n
}

// header is a dynamic block's code description: the code lengths of both
// codes, run-length coded, and the code for those.
type header struct {
	hlit, hdist, hclen int
	syms               []symbol // code-length symbols with their repeat counts
	clLen              [19]uint8
	bits               int
}

func dynamicHeader(litLen, distLen []uint8) header {
	h := header{hlit: len(litLen), hdist: len(distLen)}
	for h.hlit > 257 && litLen[h.hlit-1] == 0 {
		h.hlit--
	}
	for h.hdist > 1 && distLen[h.hdist-1] == 0 {
		h.hdist--
	}
	seq := append(slices.Clone(litLen[:h.hlit]), distLen[:h.hdist]...)
	var freq [19]uint32
	add := func(s symbol) {
		h.syms = append(h.syms, s)
		freq[s.sym]++
	}
	for i := 0; i < len(seq); {
		l := seq[i]
		run := 1
		for i+run < len(seq) && seq[i+run] == l {
			run++
		}
		i += run
		if l == 0 {
			for run >= 11 {
				r := min(run, 138)
				add(symbol{18, 7, uint32(r - 11)})
				run -= r
			}
			if run >= 3 {
				add(symbol{17, 3, uint32(run - 3)})
				run = 0
			}
		} else {
			add(symbol{sym: uint16(l)})
			run--
			for run >= 3 {
				r := min(run, 6)
				add(symbol{16, 2, uint32(r - 3)})
				run -= r
			}
		}
		for range run {
			add(symbol{sym: uint16(l)})
		}
	}
	for i := 0; used(freq[:]) < 2; i++ {
		freq[i]++
	}
	huffLengths(freq[:], maxCLCodeBits, h.clLen[:])
	h.hclen = 19
	for h.hclen > 4 && h.clLen[clOrder[h.hclen-1]] == 0 {
		h.hclen--
	}
	h.bits = 5 + 5 + 4 + 3*h.hclen
	for _, s := range h.syms {
		h.bits += int(h.clLen[s.sym]) + int(s.n)
	}
	return h
}

func (h *header) write(w *bitWriter) {
	w.put(uint64(h.hlit-257), 5)
	w.put(uint64(h.hdist-1), 5)
	w.put(uint64(h.hclen-4), 4)
	for _, s := range clOrder[:h.hclen] {
		w.put(uint64(h.clLen[s]), 3)
	}
	var codes [19]uint16
	canonical(h.clLen[:], codes[:])
	for _, s := range h.syms {
		w.put(uint64(codes[s.sym])|uint64(s.extra)<<h.clLen[s.sym], uint(h.clLen[s.sym])+s.n)
	}
}

// huffLengths sets the Huffman code lengths for freq, none longer than
// limit: a tree is built, and while it is too deep the counts are halved
// (which flattens it) and it is built again.
func huffLengths(freq []uint32, limit int, lengths []uint8) {
	type node struct {
		f           uint64
		left, right int // children, or -1 for a leaf
		sym         int
	}
	f := make([]uint64, len(freq))
	for i, v := range freq {
		f[i] = uint64(v)
	}
	for {
		clear(lengths)
		var nodes []node
		for s, v := range f {
			if v > 0 {
				nodes = append(nodes, node{f: v, left: -1, right: -1, sym: s})
			}
		}
		if len(nodes) == 1 {
			lengths[nodes[0].sym] = 1
			return
		}
		slices.SortStableFunc(nodes, func(a, b node) int {
			switch {
			case a.f < b.f:
				return -1
			case a.f > b.f:
				return 1
			}
			return 0
		})
		// Two queues: leaves in order, inner nodes as made (also in order).
		leaves := len(nodes)
		li, ii := 0, leaves
		pick := func() int {
			if li < leaves && (ii >= len(nodes) || nodes[li].f <= nodes[ii].f) {
				li++
				return li - 1
			}
			ii++
			return ii - 1
		}
		for range leaves - 1 {
			a, b := pick(), pick()
			nodes = append(nodes, node{f: nodes[a].f + nodes[b].f, left: a, right: b})
		}
		// Depths from the root down.
		depth := make([]int, len(nodes))
		deepest := 0
		for i := len(nodes) - 1; i >= 0; i-- {
			n := nodes[i]
			if n.left < 0 {
				lengths[n.sym] = uint8(min(depth[i], 255))
				deepest = max(deepest, depth[i])
				continue
			}
			depth[n.left], depth[n.right] = depth[i]+1, depth[i]+1
		}
		if deepest <= limit {
			return
		}
		for i := range f {
			if f[i] > 0 {
				f[i] = f[i]>>1 | 1
			}
		}
	}
}

// canonical sets the canonical codes for lengths (RFC 1951 3.2.2), bit
// reversed for writing first bit lowest.
func canonical(lengths []uint8, codes []uint16) {
	var count [16]int
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	var next [16]int
	code := 0
	for b := 1; b < 16; b++ {
		code = (code + count[b-1]) << 1
		next[b] = code
	}
	for s, l := range lengths {
		if l > 0 {
			codes[s] = bits.Reverse16(uint16(next[l])) >> (16 - l)
			next[l]++
		}
	}
}
