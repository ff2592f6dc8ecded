package png

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"math"

	lmdraw "lanemap/draw"
	"lanemap/draw/raster"
)

// Margin is the white border around the scene, in DI units.
const Margin = 10

// MaxPixels caps a picture's area (about 400 MB while painting).
const MaxPixels = 100_000_000

// MaxScale is the largest scale at which s fits MaxPixels.
func MaxScale(s *lmdraw.Scene) float64 {
	w, h := s.Bounds.W+2*Margin, s.Bounds.H+2*Margin
	// A little under the exact root, so rounding up to whole pixels fits.
	return math.Sqrt(MaxPixels/(w*h)) * 0.999
}

// Image paints s at scale (pixels per DI unit) on white.
func Image(s *lmdraw.Scene, scale float64) (*image.RGBA, error) {
	if s == nil {
		return nil, errors.New("png: no scene")
	}
	if !(scale > 0) || math.IsInf(scale, 0) {
		return nil, fmt.Errorf("png: scale %g is not a positive number", scale)
	}
	w, h := (s.Bounds.W+2*Margin)*scale, (s.Bounds.H+2*Margin)*scale
	if !(w*h <= MaxPixels) {
		return nil, fmt.Errorf("png: %.0f×%.0f pixels is too large at scale %g (at most %d pixels; scale %.3g fits)",
			math.Ceil(w), math.Ceil(h), scale, MaxPixels, MaxScale(s))
	}
	t, r := raster.Fit(s.Bounds, Margin, scale)
	img := image.NewRGBA(r)
	draw.Draw(img, r, image.White, image.Point{}, draw.Src)
	raster.Paint(img, s, t)
	return img, nil
}

// Write paints s at scale (pixels per DI unit; 1 = natural size, 2 for
// sharp pictures on high-density screens) and encodes it as PNG.
func Write(w io.Writer, s *lmdraw.Scene, scale float64) error {
	img, err := Image(s, scale)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(bw, img); err != nil {
		return fmt.Errorf("png: %w", err)
	}
	return bw.Flush()
}
