package png

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/draw"
	"io"
	"math"

	lmdraw "lanemap/draw"
	"lanemap/draw/raster"
)

// Margin is the white border around the scene, in DI units.
const Margin = 10

// MaxPixels caps a picture's area. Pictures are painted and encoded in
// bands, so memory stays small; the cap keeps a mistaken --scale from
// running for minutes, and stays within what image viewers open.
const MaxPixels = 400_000_000

// bandBytes is the most memory one band of painted rows may take (a
// variable so tests can force many bands).
var bandBytes = 16 << 20

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
	zw, err := zlib.NewWriterLevel(idat, zlib.BestSpeed)
	if err != nil {
		return err
	}
	bandH := max(1, min(height, bandBytes/(4*width)))

	// One goroutine paints bands while this one filters and compresses the
	// band before: two bands circulate between them.
	type band struct {
		img *image.RGBA
		h   int // rows painted
	}
	free, full := make(chan *image.RGBA, 2), make(chan band)
	done := make(chan struct{})
	defer close(done)
	for range 2 {
		free <- image.NewRGBA(image.Rect(0, 0, width, bandH))
	}
	go func() {
		defer close(full)
		for y0 := 0; y0 < height; y0 += bandH {
			var img *image.RGBA
			select {
			case img = <-free:
			case <-done:
				return
			}
			h := min(bandH, height-y0)
			clip := image.Rect(0, 0, width, h)
			draw.Draw(img, clip, image.White, image.Point{}, draw.Src)
			tb := t
			tb.OffY += float64(y0) / scale // this band's first row is device row 0
			raster.PaintClip(img, s, tb, clip)
			select {
			case full <- band{img, h}:
			case <-done:
				return
			}
		}
	}()

	// prev is the row above, as RGBA: the band's previous row, or for a
	// band's first row the last row of the band before (zeros above row 0,
	// as PNG's Up filter takes them).
	prev := make([]byte, 4*width)
	row := make([]byte, 1+3*width)
	row[0] = 2 // filter Up: flat-colour pictures turn into runs of zeros
	for b := range full {
		pix, stride := b.img.Pix, b.img.Stride
		for y := 0; y < b.h; y++ {
			src := pix[y*stride : y*stride+4*width]
			above := prev
			if y > 0 {
				above = pix[(y-1)*stride : (y-1)*stride+4*width]
			}
			// Every pixel is opaque (white under everything), so alpha goes.
			out := row[1:]
			for x := 0; x+3 < len(src) && x+3 < len(above); x += 4 {
				j := x / 4 * 3
				o := out[j : j+3 : j+3]
				o[0], o[1], o[2] = src[x]-above[x], src[x+1]-above[x+1], src[x+2]-above[x+2]
			}
			if _, err := zw.Write(row); err != nil {
				return fmt.Errorf("png: %w", err)
			}
		}
		copy(prev, pix[(b.h-1)*stride:(b.h-1)*stride+4*width])
		free <- b.img
	}
	if err := zw.Close(); err != nil {
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
