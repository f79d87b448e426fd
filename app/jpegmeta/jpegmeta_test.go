package jpegmeta

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// plainJPEG encodes a small picture with Go's encoder: no application
// segments, no comment.
func plainJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 5), uint8(x ^ y), 255})
		}
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}))
	return buf.Bytes()
}

// segment builds a marker segment with the given payload.
func segment(m byte, payload string) []byte {
	s := []byte{0xFF, m, 0, 0}
	binary.BigEndian.PutUint16(s[2:], uint16(len(payload)+2))
	return append(s, payload...)
}

// exifSegment builds an APP1 EXIF segment with an orientation tag (of the
// given TIFF type) and a one-entry GPS block.
func exifSegment(orientation int, typ uint16) []byte {
	le := binary.LittleEndian
	t := []byte("II*\x00\x08\x00\x00\x00")
	ifd := make([]byte, 2+12*2+4)
	le.PutUint16(ifd, 2)
	le.PutUint16(ifd[2:], 0x0112)
	le.PutUint16(ifd[4:], typ)
	le.PutUint32(ifd[6:], 1)
	if typ == 4 {
		le.PutUint32(ifd[10:], uint32(orientation))
	} else {
		le.PutUint16(ifd[10:], uint16(orientation))
	}
	le.PutUint16(ifd[14:], 0x8825)
	le.PutUint16(ifd[16:], 4)
	le.PutUint32(ifd[18:], 1)
	le.PutUint32(ifd[22:], uint32(8+len(ifd)))
	t = append(t, ifd...)
	g := make([]byte, 2+12+4)
	le.PutUint16(g, 1)
	le.PutUint16(g[2:], 0x0001) // GPSLatitudeRef
	le.PutUint16(g[4:], 2)
	le.PutUint32(g[6:], 2)
	copy(g[10:], "N\x00")
	t = append(t, g...)
	return segment(APP1, "Exif\x00\x00"+string(t))
}

// withSegments inserts segments right after the SOI marker.
func withSegments(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

var (
	jfifSeg  = segment(APP0, "JFIF\x00\x01\x02\x01\x01\x2c\x01\x2c\x00\x00")
	iccSeg   = segment(APP2, "ICC_PROFILE\x00\x01\x01fakeprofile")
	adobeSeg = segment(APP14, "Adobe\x00\x64\x00\x00\x00\x00\x01")
)

// tagged is plain with every kind of segment Strip must keep or remove;
// everything to remove carries the word "secret".
func tagged(plain []byte) []byte {
	b := withSegments(plain,
		jfifSeg,
		segment(APP0, "JFXX\x00\x13thumbnail-secret"),
		exifSegment(6, 3),
		segment(APP1, "http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>xmp-secret"),
		iccSeg,
		segment(APP2, "FPXR\x00flashpix-secret"),
		segment(0xE3, "maker-secret"),
		segment(APP13, "Photoshop 3.0\x00iptc-secret"),
		adobeSeg,
		segment(APP14, "Other-secret"),
		segment(APP15, "app15-secret"),
		segment(COM, "comment-secret"),
	)
	return append(b, "trailing-secret"...)
}

func TestStrip(t *testing.T) {
	plain := plainJPEG(t, 40, 24)
	out, err := Strip(tagged(plain))
	require.NoError(t, err)
	assert.NotContains(t, string(out), "secret")
	assert.Equal(t, withSegments(plain, jfifSeg, iccSeg, adobeSeg), out,
		"kept segments and image data byte for byte, in order")

	a, err := jpeg.Decode(bytes.NewReader(plain))
	require.NoError(t, err)
	b, err := jpeg.Decode(bytes.NewReader(out))
	require.NoError(t, err)
	assert.Equal(t, a, b, "the picture is unchanged")

	again, err := Strip(out)
	require.NoError(t, err)
	assert.Equal(t, out, again, "stripping twice changes nothing")

	// Fill bytes before markers go; the data is otherwise the same.
	filled := append([]byte{0xFF, SOI, 0xFF, 0xFF}, plain[2:]...)
	out, err = Strip(filled)
	require.NoError(t, err)
	assert.Equal(t, plain, out)
}

func TestStripErrors(t *testing.T) {
	plain := plainJPEG(t, 16, 16)
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotJPEG},
		{"png", []byte("\x89PNG\r\n\x1a\n"), ErrNotJPEG},
		{"cut in a header", plain[:20], ErrTruncated},
		{"zero length", []byte{0xFF, SOI, 0xFF, COM, 0, 0}, ErrBadLength},
		{"length past the end", []byte{0xFF, SOI, 0xFF, COM, 0x10, 0}, ErrTruncated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Strip(tc.data)
			assert.ErrorIs(t, err, tc.want)
		})
	}
	// Without its end marker the file is closed properly.
	out, err := Strip(plain[:len(plain)-2])
	require.NoError(t, err)
	assert.Equal(t, plain, out)
}

func TestStripAfterFirstScan(t *testing.T) {
	// A segment after a scan (progressive files have several scans with
	// tables between them) is found and stripped too, not copied with the
	// image data.
	plain := plainJPEG(t, 16, 16)
	eoi := len(plain) - 2
	src := append(append(append([]byte{}, plain[:eoi]...), segment(COM, "between-scans-secret")...), plain[eoi:]...)
	var markers []byte
	require.NoError(t, Walk(src, func(m byte, _, _ []byte) bool {
		markers = append(markers, m)
		return true
	}))
	assert.Contains(t, string(markers), string([]byte{SOS, COM, EOI}))
	out, err := Strip(src)
	require.NoError(t, err)
	assert.Equal(t, plain, out)
}

func TestReadEXIF(t *testing.T) {
	for _, tc := range []struct {
		name string
		seg  []byte
		want EXIF
	}{
		{"short", exifSegment(6, 3), EXIF{Orientation: 6, GPS: true}},
		{"long", exifSegment(8, 4), EXIF{Orientation: 8, GPS: true}},
		{"out of range", exifSegment(9, 3), EXIF{GPS: true}},
		{"wrong type", exifSegment(6, 2), EXIF{GPS: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, ok := ReadAPP1(tc.seg[4:])
			require.True(t, ok)
			assert.Equal(t, tc.want, e)
		})
	}
	_, ok := ReadAPP1([]byte("http://ns.adobe.com/xap/1.0/\x00"))
	assert.False(t, ok)
	// Truncated blocks give zero values, never a panic.
	full := exifSegment(6, 3)[4:]
	for n := range full {
		_, _ = ReadAPP1(full[:n])
	}
}

// FuzzStrip walks and strips mutated JPEG data, seeded with the pictures
// above and the JPEG fixtures of app/scan (their first 4 KiB: the headers
// are what the walker reads; the image data is copied).
//
//	go test ./app/jpegmeta -run '^$' -fuzz FuzzStrip -fuzztime 1m
func FuzzStrip(f *testing.F) {
	plain := plainJPEG(f, 16, 16)
	f.Add(plain)
	f.Add(tagged(plain))
	f.Add(plain[:30])
	f.Add(plain[:len(plain)-2])
	f.Add([]byte{0xFF, SOI, 0xFF, APP1, 0x00, 0x02})
	f.Add(exifSegment(6, 3))
	fixtures, err := filepath.Glob(filepath.Join("..", "scan", "testdata", "*.jpg"))
	require.NoError(f, err)
	for _, p := range fixtures {
		b, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(b[:min(len(b), 4096)])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 6 {
			_ = ReadEXIF(b[6:])
		}
		_ = Walk(b, func(_ byte, seg, _ []byte) bool {
			if len(seg) < 2 {
				t.Fatalf("segment of %d bytes", len(seg))
			}
			return true
		})
		out, err := Strip(b)
		if err != nil {
			return
		}
		if len(out) > len(b)+2 {
			t.Fatalf("stripping grew the data: %d > %d", len(out), len(b))
		}
		err = Walk(out, func(m byte, _, p []byte) bool {
			if !Kept(m, p) {
				t.Fatalf("segment %#x survived stripping", m)
			}
			return true
		})
		if err != nil {
			t.Fatalf("stripped data does not walk: %v", err)
		}
	})
}

// FuzzReadAPP1 reads mutated APP1 payloads (the EXIF block and others),
// seeded with the ones the bundle's and scan's tests used before this
// package held the reader.
//
//	go test ./app/jpegmeta -run '^$' -fuzz FuzzReadAPP1 -fuzztime 1m
func FuzzReadAPP1(f *testing.F) {
	f.Add(exifSegment(6, 3)[4:])
	f.Add(exifSegment(8, 2)[4:])
	f.Add([]byte("Exif\x00\x00MM\x00*\x00\x00\x00\x08"))
	f.Add([]byte("Exif\x00\x00II*\x00\x08\x00\x00\x00"))
	f.Add([]byte("http://ns.adobe.com/xap/1.0/\x00"))
	f.Fuzz(func(t *testing.T, p []byte) {
		if e, ok := ReadAPP1(p); ok && (e.Orientation < 0 || e.Orientation > 8) {
			t.Fatalf("orientation %d", e.Orientation)
		}
	})
}

func TestReadFrame(t *testing.T) {
	tests := []struct {
		name    string
		payload []byte
		want    Frame
		ok      bool
	}{
		{"8-bit colour 640×480", []byte{8, 0x01, 0xE0, 0x02, 0x80, 3, 1, 0x22, 0}, Frame{Precision: 8, Width: 640, Height: 480, Components: 3}, true},
		{"12-bit gray 65535×1", []byte{12, 0x00, 0x01, 0xFF, 0xFF, 1}, Frame{Precision: 12, Width: 65535, Height: 1, Components: 1}, true},
		{"too short", []byte{8, 0, 1, 0, 1}, Frame{}, false},
		{"empty", nil, Frame{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ReadFrame(tc.payload)
			if ok != tc.ok || got != tc.want {
				t.Fatalf("ReadFrame(%v) = %+v, %v; want %+v, %v", tc.payload, got, ok, tc.want, tc.ok)
			}
		})
	}
}
