// Command benchgen writes the generated inputs of the package-building
// benchmarks (scripts/bench-bundle.sh): noisy 300-dpi A4 scans of about
// 0.5–1.5 MB and 4032×3024 phone photos of about 3.5 MB carrying EXIF
// orientation 6 (taken with the phone held upright).
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
)

func main() {
	out := flag.String("out", "bench-inputs", "output folder")
	scans := flag.Int("scans", 100, "number of A4 scans")
	photos := flag.Int("photos", 20, "number of phone photos")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	type job struct {
		name string
		make func() []byte
	}
	var jobs []job
	for i := 0; i < *scans; i++ {
		i := i
		jobs = append(jobs, job{fmt.Sprintf("scan_%03d.jpg", i), func() []byte { return scan(uint64(i)) }})
	}
	for i := 0; i < *photos; i++ {
		i := i
		jobs = append(jobs, job{fmt.Sprintf("photo_%02d.jpg", i), func() []byte { return photo(uint64(i)) }})
	}
	ch := make(chan job)
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				if err := os.WriteFile(filepath.Join(*out, j.name), j.make(), 0o644); err != nil {
					log.Fatal(err)
				}
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
}

// page draws paper with lines of "text" (word-like dark runs), sensor
// noise and, for photos, a dark marker at the top-left corner, into a YCbCr
// picture.
func page(w, h int, seed uint64, noise int, tint, marker bool) *image.YCbCr {
	rng := rand.New(rand.NewPCG(seed, 42))
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	lineH := h / 70
	for y := 0; y < h; y++ {
		row := m.Y[y*m.YStride : y*m.YStride+w]
		inText := (y/lineH)%2 == 0 && y > h/12 && y < h*11/12
		wordEnd := 0
		dark := false
		for x := 0; x < w; x++ {
			if x >= wordEnd {
				dark = !dark
				if dark {
					wordEnd = x + 20 + int((seed*31+uint64(y/lineH)*17+uint64(x))%90)
				} else {
					wordEnd = x + 10 + int((seed*7+uint64(x))%25)
				}
			}
			v := 232 - (x+y)*12/(w+h) // uneven light
			if marker && x < w/10 && y < h/10 {
				v = 20 // a dark block at the top-left corner
			}
			if inText && dark && x > w/12 && x < w*11/12 && (y%lineH) > lineH/4 {
				v = 45
			}
			v += rng.IntN(2*noise+1) - noise
			row[x] = uint8(max(0, min(255, v)))
		}
	}
	cw := (w + 1) / 2
	for y := 0; y < (h+1)/2; y++ {
		for x := 0; x < cw; x++ {
			cb, cr := 128, 128
			if tint {
				cb, cr = 122+rng.IntN(5), 131+rng.IntN(5)
			}
			m.Cb[y*m.CStride+x], m.Cr[y*m.CStride+x] = uint8(cb), uint8(cr)
		}
	}
	return m
}

func scan(i uint64) []byte {
	// Noise and quality vary so that sizes spread over 0.5–1.5 MB.
	noise := 5 + int(i%5)
	return encode(page(2480, 3508, i, noise, false, false), 72+int(i%4)*3)
}

func photo(i uint64) []byte {
	// A document photographed with the phone upright: the sensor stores it
	// landscape (4032×3024) and EXIF orientation 6 says "turn clockwise".
	upright := page(3024, 4032, 1000+i, 9, true, true)
	return withOrientation(encode(storedForOrientation6(upright), 90), 6)
}

// storedForOrientation6 turns an upright picture counter-clockwise, into
// the pixels a camera stores when it records orientation 6.
func storedForOrientation6(d *image.YCbCr) *image.YCbCr {
	dw, dh := d.Rect.Dx(), d.Rect.Dy()
	s := image.NewYCbCr(image.Rect(0, 0, dh, dw), image.YCbCrSubsampleRatio420)
	// Shown (x', y') = stored (y', dw-1-x'), so stored (sx, sy) shows
	// (dw-1-sy, sx).
	for sy := 0; sy < dw; sy++ {
		for sx := 0; sx < dh; sx++ {
			s.Y[sy*s.YStride+sx] = d.Y[sx*d.YStride+(dw-1-sy)]
		}
	}
	for sy := 0; sy < (dw+1)/2; sy++ {
		for sx := 0; sx < (dh+1)/2; sx++ {
			x, y := (dw-1)/2-sy, sx
			s.Cb[sy*s.CStride+sx] = d.Cb[y*d.CStride+x]
			s.Cr[sy*s.CStride+sx] = d.Cr[y*d.CStride+x]
		}
	}
	return s
}

func encode(m image.Image, q int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: q}); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func withOrientation(jpg []byte, o int) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("II*\x00")
	le := binary.LittleEndian
	binary.Write(&tiff, le, uint32(8))
	binary.Write(&tiff, le, uint16(1))
	binary.Write(&tiff, le, uint16(0x0112))
	binary.Write(&tiff, le, uint16(3))
	binary.Write(&tiff, le, uint32(1))
	binary.Write(&tiff, le, uint16(o))
	binary.Write(&tiff, le, uint16(0))
	binary.Write(&tiff, le, uint32(0))
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, append(seg, payload...)...)
	return append(out, jpg[2:]...)
}
