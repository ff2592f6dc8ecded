package png

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// upStream is what a PNG decoder must get back from rows: each row's
// filter byte (Up) and its RGB bytes minus those above.
func upStream(rows [][]byte) []byte {
	var out []byte
	for y, r := range rows {
		out = append(out, 2)
		for x := 0; x < len(r); x += 4 {
			for c := range 3 {
				v := r[x+c]
				if y > 0 {
					v -= rows[y-1][x+c]
				}
				out = append(out, v)
			}
		}
	}
	return out
}

// encodeRows runs rows through upEncoder and inflates the result with
// compress/zlib, which also checks the Adler-32 checksum. Rows are cut
// into segments of segW pixels, as a band's tiles cut them; odd rows have
// their diffs found a row at a time, even ones from diffs found ahead for
// the whole picture, as painters find them for a band.
func encodeRows(t testing.TB, rows [][]byte, segW int) []byte {
	var buf bytes.Buffer
	e := newUpEncoder(&buf)
	ahead := encodeAhead(rows, segW)
	for y, r := range rows {
		diffs := ahead
		k := y
		if y%2 == 1 {
			diffs, k = nil, 0
			cur, up := split(r, segW), above(rows, y, segW)
			for i := range cur {
				d := &rowDiffs{}
				d.reset(len(cur[i]) / 4)
				if up == nil {
					d.add(cur[i], nil)
				} else {
					d.add(cur[i], up[i])
				}
				diffs = append(diffs, d)
			}
		}
		if err := e.Row(diffs, k); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zlib.NewReader(&buf)
	if err != nil {
		t.Fatalf("zlib header: %v", err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	return got
}

// encodeAhead finds every row's diffs, segment by segment.
func encodeAhead(rows [][]byte, segW int) []*rowDiffs {
	var diffs []*rowDiffs
	for y, r := range rows {
		cur, up := split(r, segW), above(rows, y, segW)
		for i := range cur {
			if y == 0 {
				diffs = append(diffs, &rowDiffs{})
				diffs[i].reset(len(cur[i]) / 4)
				diffs[i].add(cur[i], nil)
				continue
			}
			diffs[i].add(cur[i], up[i])
		}
	}
	return diffs
}

// split cuts a row into segments of segW pixels, as a band's tiles do.
func split(row []byte, segW int) [][]byte {
	var segs [][]byte
	for len(row) > 4*segW {
		segs = append(segs, row[:4*segW])
		row = row[4*segW:]
	}
	return append(segs, row)
}

func above(rows [][]byte, y, segW int) [][]byte {
	if y == 0 {
		return nil
	}
	return split(rows[y-1], segW)
}

func checkRows(t testing.TB, rows [][]byte) {
	t.Helper()
	got, want := encodeRows(t, rows, 37), upStream(rows)
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("inflated %d bytes, want %d; first difference at byte %d", len(got), len(want), i)
	}
}

// picture makes h rows of w opaque pixels, each from pixel(x, y).
func picture(w, h int, pixel func(x, y int) [3]byte) [][]byte {
	rows := make([][]byte, h)
	for y := range rows {
		rows[y] = make([]byte, 4*w)
		for x := range w {
			p := pixel(x, y)
			copy(rows[y][4*x:], []byte{p[0], p[1], p[2], 255})
		}
	}
	return rows
}

func TestUpEncoder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	cases := map[string][][]byte{
		"one pixel":  picture(1, 1, func(x, y int) [3]byte { return [3]byte{1, 2, 3} }),
		"flat":       picture(700, 40, func(x, y int) [3]byte { return [3]byte{255, 255, 255} }),
		"random":     picture(97, 31, func(x, y int) [3]byte { return [3]byte{byte(rnd.Uint32()), byte(rnd.Uint32()), byte(rnd.Uint32())} }),
		"grey lines": picture(1000, 30, func(x, y int) [3]byte { g := byte(255 - y%5*40); return [3]byte{g, g, g} }),
		"coloured lines": picture(1000, 30, func(x, y int) [3]byte {
			return [3]byte{byte(y * 7), byte(y * 13), byte(y * 3)}
		}),
		// Boxes of every width around the token limits (3, 258) so runs
		// end on every remainder.
		"boxes": picture(3000, 20, func(x, y int) [3]byte {
			if y > 3 && y < 15 && (x%263 < x/263+1 || x%97 == 5) {
				return [3]byte{10, 200, 30}
			}
			return [3]byte{250, 250, 250}
		}),
		"sparse noise": picture(2000, 25, func(x, y int) [3]byte {
			if rnd.IntN(40) == 0 {
				return [3]byte{byte(rnd.Uint32()), 0, byte(rnd.Uint32())}
			}
			return [3]byte{0, 0, 0}
		}),
	}
	// Noise repeating every 1,500 pixels along a row, anew on each row:
	// matches at long distances and many blocks.
	noise := make([][3]byte, 1500)
	cases["repeated noise"] = picture(5000, 60, func(x, y int) [3]byte {
		if x == 0 {
			for i := range noise {
				noise[i] = [3]byte{byte(rnd.Uint32()), byte(rnd.IntN(4)), 0}
			}
		}
		return noise[x%len(noise)]
	})
	for _, w := range []int{1, 2, 3, 85, 86, 87, 172, 173} {
		cases[fmt.Sprintf("zero run width %d", w)] = picture(w, 3, func(x, y int) [3]byte {
			if y == 1 && x == 0 {
				return [3]byte{9, 9, 9}
			}
			return [3]byte{}
		})
	}
	for name, rows := range cases {
		t.Run(name, func(t *testing.T) { checkRows(t, rows) })
	}
}

// A long flat picture compresses to almost nothing: runs, not literals.
func TestUpEncoderRuns(t *testing.T) {
	rows := picture(50_000, 50, func(x, y int) [3]byte { return [3]byte{240, 240, 250} })
	var buf bytes.Buffer
	e := newUpEncoder(&buf)
	diffs := encodeAhead(rows, 1024)
	for y := range rows {
		e.Row(diffs, y)
	}
	e.Close()
	// The first row repeats one pixel, the others are zeros: about 13 bits
	// per 258 bytes.
	if raw := 50 * 3 * 50_000; buf.Len() > raw/100 {
		t.Errorf("%d bytes for %d raw bytes of flat colour", buf.Len(), raw)
	}
}

// Rows of arbitrary bytes inflate back to what the Up filter makes of
// them.
func FuzzUpEncoder(f *testing.F) {
	f.Add(uint8(5), []byte("\x00\x00\x00\xff\x01\x01\x01\xff"))
	f.Add(uint8(70), bytes.Repeat([]byte{7}, 900))
	f.Fuzz(func(t *testing.T, width uint8, data []byte) {
		w := int(width)%64 + 1
		h := len(data)/(3*w) + 1
		rows := picture(w, h, func(x, y int) [3]byte {
			var p [3]byte
			for c := range p {
				if i := (y*w+x)*3 + c; i < len(data) {
					// Map bytes onto few values so runs occur.
					p[c] = data[i] & 0x81
				}
			}
			return p
		})
		checkRows(t, rows)
	})
}

// Code lengths stay within their limit and make a complete code (Kraft's
// sum is exactly 1), even for counts that would build a deep tree.
func TestHuffLengths(t *testing.T) {
	fib := make([]uint32, 40)
	fib[0], fib[1] = 1, 1
	for i := 2; i < len(fib); i++ {
		fib[i] = fib[i-1] + fib[i-2]
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	random := make([]uint32, 286)
	for i := range random {
		if rnd.IntN(3) > 0 {
			random[i] = uint32(rnd.IntN(100000))
		}
	}
	for name, c := range map[string]struct {
		freq  []uint32
		limit int
	}{
		"fibonacci, 15 bits": {fib, 15},
		"fibonacci, 7 bits":  {fib[:19], 7},
		"two symbols":        {[]uint32{0, 5, 0, 1}, 15},
		"random":             {random, 15},
	} {
		lengths := make([]uint8, len(c.freq))
		huffLengths(c.freq, c.limit, lengths)
		kraft := 0.0
		for s, l := range lengths {
			if (l > 0) != (c.freq[s] > 0) {
				t.Errorf("%s: symbol %d of count %d has length %d", name, s, c.freq[s], l)
			}
			if int(l) > c.limit {
				t.Errorf("%s: symbol %d has length %d > %d", name, s, l, c.limit)
			}
			if l > 0 {
				kraft += 1 / float64(uint64(1)<<l)
			}
		}
		if kraft != 1 {
			t.Errorf("%s: Kraft sum %g, want 1", name, kraft)
		}
	}
}

// changedRuns against a pixel-by-pixel reading of its rule: runs cover
// every changed pixel, no unchanged pixel outside them, gaps shorter than
// minSame inside them.
func TestChangedRuns(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	for trial := range 500 {
		w := 1 + rnd.IntN(200)
		cur, above := make([]byte, 4*w), make([]byte, 4*w)
		for x := range w {
			if rnd.IntN(4+trial%9) == 0 {
				cur[4*x+rnd.IntN(3)] = 1
			}
		}
		var want []int32
		start, end := -1, 0
		for x := range w {
			if !bytes.Equal(cur[4*x:4*x+4], above[4*x:4*x+4]) {
				if start >= 0 && x-end >= minSame {
					want = append(want, int32(start), int32(end))
					start = -1
				}
				if start < 0 {
					start = x
				}
				end = x + 1
			}
		}
		if start >= 0 {
			want = append(want, int32(start), int32(end))
		}
		if got := changedRuns(nil, cur, above); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("width %d: runs %v, want %v", w, got, want)
		}
	}
}
