package raster

import (
	"image"
	"image/color"
	"math"
	"testing"
)

// composite's lane arithmetic against the blend done in floating point,
// for every coverage, over a spread of colours, alphas and backgrounds.
func TestCompositeBlend(t *testing.T) {
	mask := make([]uint8, 256)
	for m := range mask {
		mask[m] = uint8(m)
	}
	for _, sa := range []uint8{255, 254, 200, 128, 37, 1} {
		for _, nc := range []color.NRGBA{{255, 255, 255, sa}, {0, 0, 0, sa}, {200, 17, 90, sa}} {
			c := premul(nc)
			for _, bg := range []color.RGBA{{255, 255, 255, 255}, {0, 0, 0, 255}, {12, 250, 99, 255}, {40, 30, 20, 60}} {
				dst := image.NewRGBA(image.Rect(0, 0, 256, 1))
				for x := range 256 {
					dst.SetRGBA(x, 0, bg)
				}
				composite(dst, dst.Rect, mask, 256, c)
				for m := range 256 {
					cov := float64(m) / 255
					got := dst.RGBAAt(m, 0)
					want := func(s, d uint8) float64 {
						return float64(s)*cov + float64(d)*(1-float64(c.A)/255*cov)
					}
					for i, pair := range [][3]float64{{float64(got.R), want(c.R, bg.R)}, {float64(got.G), want(c.G, bg.G)}, {float64(got.B), want(c.B, bg.B)}, {float64(got.A), want(c.A, bg.A)}} {
						if math.Abs(pair[0]-pair[1]) > 1 {
							t.Fatalf("colour %v over %v at coverage %d: channel %d is %v, want %.2f", c, bg, m, i, pair[0], pair[1])
						}
					}
				}
			}
		}
	}
}

// fillBox paints opaque colours and blends translucent ones as composite
// does at full coverage.
func TestFillBox(t *testing.T) {
	for _, c := range []color.RGBA{{10, 200, 30, 255}, premul(color.NRGBA{200, 17, 90, 100}), premul(color.NRGBA{0, 0, 0, 12})} {
		want := image.NewRGBA(image.Rect(0, 0, 37, 5))
		got := image.NewRGBA(want.Rect)
		for i := range want.Pix {
			want.Pix[i] = uint8(i * 7)
			if i%4 == 3 {
				want.Pix[i] = 255
			}
		}
		copy(got.Pix, want.Pix)
		full := make([]uint8, 37*5)
		for i := range full {
			full[i] = 255
		}
		box := image.Rect(3, 1, 30, 4)
		composite(want, box, full, 37, c)
		fillBox(got, box, c)
		for i := range want.Pix {
			if d := int(want.Pix[i]) - int(got.Pix[i]); d < -1 || d > 1 {
				t.Fatalf("colour %v: byte %d is %d, composite gives %d", c, i, got.Pix[i], want.Pix[i])
			}
		}
	}
}
