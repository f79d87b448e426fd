package bundle

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"dossier/app/jpegmeta"
	"dossier/app/scan"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseJPEG(t *testing.T) {
	plain := encodeJPEG(t, scanImage(64, 48, 1, 5), 80)
	gray := func() []byte {
		var buf bytes.Buffer
		require.NoError(t, jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 10, 20)), nil))
		return buf.Bytes()
	}()
	tests := []struct {
		name    string
		data    []byte
		w, h, c int
		orient  int
		meta    bool
		wantErr bool
	}{
		{"colour", plain, 64, 48, 3, 0, false, false},
		{"gray", gray, 10, 20, 1, 0, false, false},
		{"orientation 6", withOrientation(plain, 6), 64, 48, 3, 6, true, false},
		{"orientation 8", withOrientation(plain, 8), 64, 48, 3, 8, true, false},
		{"orientation out of range", withOrientation(plain, 9), 64, 48, 3, 0, true, false},
		{"empty", nil, 0, 0, 0, 0, false, true},
		{"png", []byte("\x89PNG\r\n\x1a\n"), 0, 0, 0, 0, false, true},
		{"truncated header", plain[:20], 0, 0, 0, 0, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			info, err := parseJPEG(tc.data)
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.w, info.Width)
			assert.Equal(t, tc.h, info.Height)
			assert.Equal(t, tc.c, info.Components)
			assert.Equal(t, tc.orient, info.Orientation)
			assert.Equal(t, tc.meta, info.Metadata > 0)
		})
	}
}

func TestStripMetadataKeepsPictureBytes(t *testing.T) {
	plain := encodeJPEG(t, scanImage(64, 48, 1, 5), 80)
	tagged := withOrientation(plain, 6)
	out, err := jpegmeta.Strip(tagged)
	require.NoError(t, err)
	assert.Equal(t, plain, out, "the EXIF segment goes, everything else stays byte for byte")
	info, err := parseJPEG(out)
	require.NoError(t, err)
	assert.Zero(t, info.Metadata)
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		data []byte
		kind Kind
	}{
		{[]byte{0xFF, 0xD8, 0xFF, 0xE0}, KindJPEG},
		{[]byte("\x89PNG\r\n\x1a\nrest"), KindPNG},
		{[]byte("%PDF-1.7\n"), KindPDF},
		{append([]byte("junk before "), []byte("%PDF-1.4")...), KindPDF},
		{[]byte("GIF89a"), ""},
		{[]byte{0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'}, ""},
	} {
		k, err := sniff(tc.data)
		if tc.kind == "" {
			assert.ErrorIs(t, err, ErrUnsupported)
			continue
		}
		assert.Equal(t, tc.kind, k)
	}
}

func TestOrientPlane(t *testing.T) {
	// 3×2 plane:  1 2 3
	//             4 5 6
	p := plane{pix: []uint8{1, 2, 3, 4, 5, 6}, w: 3, h: 2}
	tests := []struct {
		o    int
		w, h int
		want []uint8
	}{
		{2, 3, 2, []uint8{3, 2, 1, 6, 5, 4}},
		{3, 3, 2, []uint8{6, 5, 4, 3, 2, 1}},
		{4, 3, 2, []uint8{4, 5, 6, 1, 2, 3}},
		{5, 2, 3, []uint8{1, 4, 2, 5, 3, 6}},
		{6, 2, 3, []uint8{4, 1, 5, 2, 6, 3}}, // turned clockwise
		{7, 2, 3, []uint8{6, 3, 5, 2, 4, 1}},
		{8, 2, 3, []uint8{3, 6, 2, 5, 1, 4}}, // turned counter-clockwise
	}
	for _, tc := range tests {
		got := orientPlane(p, tc.o)
		assert.Equal(t, tc.w, got.w, "orientation %d", tc.o)
		assert.Equal(t, tc.h, got.h, "orientation %d", tc.o)
		assert.Equal(t, tc.want, got.pix, "orientation %d", tc.o)
	}
}

func TestBoxResize(t *testing.T) {
	p := plane{pix: []uint8{0, 100, 200, 50, 0, 100, 200, 50}, w: 4, h: 2}
	got := boxResize(p, 2, 1)
	assert.Equal(t, []uint8{50, 125}, got.pix)
	up := boxResize(plane{pix: []uint8{10, 20}, w: 2, h: 1}, 4, 2)
	assert.Equal(t, []uint8{10, 10, 20, 20, 10, 10, 20, 20}, up.pix)
}

func TestSafeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Паспорт", "Паспорт"},
		{"Трудовой договор", "Трудовой_договор"},
		{`a/b\c:d*e?f"g<h>i|j`, "a_b_c_d_e_f_g_h_i_j"},
		{"Справка. ", "Справка"},
		{"CON", "_CON"},
		{"nul.txt", "_nul.txt"},
		{"", "file"},
		{"Е\u0308жик", "Ёжик"}, // NFD in, NFC out
		{"Қазақстан Республикасы", "Қазақстан_Республикасы"},
	} {
		assert.Equal(t, tc.want, safeName(tc.in, 60), tc.in)
	}
	assert.Equal(t, 10, len([]rune(safeName("ДлинноеНазваниеДокумента", 10))))
}

func TestFitScaleLandscape(t *testing.T) {
	// A 300-dpi A4 scan (2480×3508) fitted within the margins shows at a
	// little more than 300 dpi.
	dpi := effectiveDPI(2480, 3508)
	assert.InDelta(t, 317, dpi, 5)
	// Landscape pictures use a landscape page: the same picture turned gives
	// the same resolution.
	assert.InDelta(t, dpi, effectiveDPI(3508, 2480), 10)
}

// FuzzParseJPEG reads the builder's facts of mutated JPEG data (size,
// components, orientation). Walking segments, reading EXIF and stripping
// are app/jpegmeta's, fuzzed there (FuzzStrip, FuzzReadAPP1).
func FuzzParseJPEG(f *testing.F) {
	plain := encodeJPEG(f, scanImage(16, 16, 1, 5), 80)
	f.Add(plain)
	f.Add(withOrientation(plain, 6))
	f.Add(plain[:30])
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x02})
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := parseJPEG(b)
		if err == nil && (info.Width <= 0 || info.Height <= 0) {
			t.Fatalf("accepted a JPEG without size: %+v", info)
		}
	})
}

// FuzzDecodeRaster decodes mutated pictures. Each run is kept small: a
// mutated header promising tens of megapixels made every run decode (or
// fail on) that many, 11 executions in 60 s; the decoder's cost grows with
// the pixels, not with new code reached.
func FuzzDecodeRaster(f *testing.F) {
	f.Add(encodeJPEG(f, scanImage(16, 16, 1, 5), 80))
	f.Add(encodeJPEG(f, scanImage(24, 16, 2, 5), 60))
	f.Add(transparentPNG(f, 8, 8))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 64<<10 {
			return
		}
		r, err := decodeRasterWithin(b, 1<<16)
		if err != nil {
			return
		}
		w, h := r.size()
		if w <= 0 || h <= 0 {
			t.Fatal("empty raster")
		}
	})
}

func TestFixesFromPlan(t *testing.T) {
	tests := []struct {
		name string
		plan scan.Plan
		want Fixes
	}{
		{"nothing", scan.Plan{}, Fixes{}},
		{"phone photo", scan.Plan{StripMetadata: true, Pages: []scan.PagePlan{{Page: 1, EXIFOrientation: 6, Rotate: 90}}},
			Fixes{Orientation: 6, StripMetadata: true}},
		{"mirrored", scan.Plan{Pages: []scan.PagePlan{{Page: 1, EXIFOrientation: 5, Rotate: 90, Mirror: true}}}, Fixes{Orientation: 5}},
		{"transparent 16-bit PNG", scan.Plan{Pages: []scan.PagePlan{{Page: 1, FlattenAlpha: true, To8Bit: true}}}, Fixes{FlattenAlpha: true, To8Bit: true}},
		{"CMYK JPEG", scan.Plan{Pages: []scan.PagePlan{{Page: 1, ToRGB: true}}}, Fixes{CMYKToRGB: true}},
		{"owner-protected PDF", scan.Plan{Decrypt: true}, Fixes{Decrypt: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, *FixesFromPlan(tc.plan))
		})
	}
}
