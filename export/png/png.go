package png

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"io"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	lmdraw "lanemap/draw"
	"lanemap/draw/raster"
)

// Margin is the white border around the scene, in DI units.
const Margin = 10

// MaxPixels caps a picture's area. Pictures are painted and encoded in
// bands, so memory stays small; the cap keeps a mistaken --scale from
// running for minutes, and stays within what image viewers open.
const MaxPixels = 400_000_000

// bandBytes is the memory one band of painted rows takes (a variable so
// tests can force many bands), unless that is fewer than minBandRows rows:
// a shape crossing a band seam is built again for each band, and in a
// very wide map (the 5,000-node strip, 283,552 pixels wide) 16 MB are 14
// rows, every shape several bands. Two bands circulate, so a map of
// ordinary width takes 32 MB and the strip 2 × 65 MB (it takes 495 ms
// with 24 MB bands, 445 ms with 64 MB).
var bandBytes = 16 << 20

var minBandRows = 56

// MaxScale is the largest scale at which s fits MaxPixels.
func MaxScale(s *lmdraw.Scene) float64 {
	w, h := s.Bounds.W+2*Margin, s.Bounds.H+2*Margin
	// A little under the exact root, so rounding up to whole pixels fits.
	return math.Sqrt(MaxPixels/(w*h)) * 0.999
}

// Write paints s at scale (pixels per DI unit; 1 = natural size, 2 for
// sharp pictures on dense screens) on white and writes it as an RGB PNG.
func Write(w io.Writer, s *lmdraw.Scene, scale float64) error {
	if s == nil {
		return errors.New("png: no scene")
	}
	if !(scale > 0) || math.IsInf(scale, 0) {
		return fmt.Errorf("png: scale %g is not a positive number", scale)
	}
	fw, fh := (s.Bounds.W+2*Margin)*scale, (s.Bounds.H+2*Margin)*scale
	if !(fw*fh <= MaxPixels) {
		return fmt.Errorf("png: %.0f×%.0f pixels is too large at scale %g (at most %d pixels; scale %.3g fits)",
			math.Ceil(fw), math.Ceil(fh), scale, MaxPixels, MaxScale(s))
	}
	t, r := raster.Fit(s.Bounds, Margin, scale)
	width, height := r.Dx(), r.Dy()

	bw := bufio.NewWriterSize(w, 256<<10)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB; compression, filter, interlace 0
	writeChunk(bw, "IHDR", ihdr[:])

	idat := &chunkWriter{w: bw, typ: "IDAT"}
	enc := newUpEncoder(idat)
	bandH := max(1, min(height, max(bandBytes/(4*width), minBandRows)))
	cols := raster.NewColumns(s, t, width)

	// One goroutine paints bands (its helpers a column tile each) while
	// this one encodes the band before: two bands circulate between them.
	free, full := make(chan *band, 2), make(chan *band)
	done := make(chan struct{})
	defer close(done)
	nBands := min(2, (height+bandH-1)/bandH) // a picture that fits one band needs no second
	for range nBands {
		free <- getBand(width, bandH)
	}
	go func() {
		defer close(full)
		for y0 := 0; y0 < height; y0 += bandH {
			var b *band
			select {
			case b = <-free:
			case <-done:
				return
			}
			b.paint(cols, y0, min(bandH, height-y0))
			select {
			case full <- b:
			case <-done:
				return
			}
		}
	}()

	// prev is the last row of the band before, tile by tile, for the first
	// row of the next (PNG's Up filter takes zeros above row 0); painters
	// found what the other rows change.
	var prev [][]byte
	var first []*rowDiffs
	for b := range full {
		if first == nil {
			for _, t := range b.tiles {
				first = append(first, &rowDiffs{})
				prev = append(prev, make([]byte, 0, len(t.Pix[:t.Stride])))
			}
		}
		for i, t := range b.tiles {
			first[i].reset(t.Rect.Dx())
			if len(prev[i]) == 0 {
				first[i].add(t.Pix, nil)
			} else {
				first[i].add(t.Pix, prev[i])
			}
		}
		if err := enc.Row(first, 0); err != nil {
			return fmt.Errorf("png: %w", err)
		}
		for y := 1; y < b.h; y++ {
			if err := enc.Row(b.diffs, y-1); err != nil {
				return fmt.Errorf("png: %w", err)
			}
		}
		for i, t := range b.tiles {
			prev[i] = append(prev[i][:0], t.Pix[(b.h-1)*t.Stride:b.h*t.Stride]...)
		}
		free <- b
	}
	// The painter is done: its bands can serve the next picture.
	for range nBands {
		bands.Put(<-free)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("png: %w", err)
	}
	if err := idat.flush(); err != nil {
		return fmt.Errorf("png: %w", err)
	}
	writeChunk(bw, "IEND", nil)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("png: %w", err)
	}
	return nil
}

// band is a stretch of rows of the picture, kept as column tiles of
// raster.ColumnWidth pixels so a shape's rows lie close together in memory
// while it is painted.
type band struct {
	tiles       []*image.RGBA
	diffs       []*rowDiffs // per tile, what rows 1 to h-1 change from the row above
	h           int         // rows painted
	width, rows int         // its size
}

// bands keeps the bands of finished pictures for the next one (a publish
// writes many): memory is taken from the system once, not per picture.
var bands sync.Pool

// getBand returns a band of width pixels and at least h rows.
func getBand(width, h int) *band {
	if b, ok := bands.Get().(*band); ok && b.width == width && b.rows >= h {
		return b
	}
	return newBand(width, h)
}

func newBand(width, h int) *band {
	b := &band{width: width, rows: h}
	for x0 := 0; x0 < width; x0 += raster.ColumnWidth {
		tw := min(raster.ColumnWidth, width-x0)
		b.tiles = append(b.tiles, &image.RGBA{Pix: make([]byte, 4*tw*h), Stride: 4 * tw, Rect: image.Rect(x0, 0, x0+tw, h)})
		b.diffs = append(b.diffs, &rowDiffs{})
	}
	return b
}

// paint paints rows y0 to y0+h of the picture on white into the band, the
// tiles shared out among the processors. Each tile's rows are compared
// with those above while the tile is still in cache.
func (b *band) paint(cols *raster.Columns, y0, h int) {
	b.h = h
	var next atomic.Int32
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(b.tiles)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(b.tiles) {
					return
				}
				t := b.tiles[i]
				t.Rect = image.Rect(t.Rect.Min.X, y0, t.Rect.Max.X, y0+h)
				cols.Paint(t, i, t.Rect, color.White)
				d := b.diffs[i]
				d.reset(t.Rect.Dx())
				for y := 1; y < h; y++ {
					d.add(t.Pix[y*t.Stride:(y+1)*t.Stride], t.Pix[(y-1)*t.Stride:y*t.Stride])
				}
			}
		})
	}
	wg.Wait()
}

// writeChunk writes one PNG chunk: length, type, data, CRC of type+data.
func writeChunk(w *bufio.Writer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	w.WriteString(typ)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}

// chunkWriter cuts a stream into chunks of typ of up to 1 MB each.
type chunkWriter struct {
	w   *bufio.Writer
	typ string
	buf []byte
}

const chunkSize = 1 << 20

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), chunkSize-len(c.buf))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == chunkSize {
			if err := c.flush(); err != nil {
				return n - len(p), err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) > 0 {
		writeChunk(c.w, c.typ, c.buf)
		c.buf = c.buf[:0]
	}
	// bufio keeps the first error and reports it here.
	return c.w.Flush()
}
