package mrz

import (
	"context"
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
)

// FuzzDecodeText feeds arbitrary text to the parser: it must never panic,
// and a zone it calls valid must decode to itself again.
func FuzzDecodeText(f *testing.F) {
	for _, seed := range [][2]string{
		{specimen1, specimen2},
		{"I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"},
		{"I<UTOD23145890<7349<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"},
		{"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"},
		{"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"},
		{"P<D<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"},
		{"", ""},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		r, err := FromText(a, b)
		if err != nil {
			return
		}
		res := Decode(r, today)
		for _, p := range res.Problems {
			_ = p.Message(i18n.EN)
		}
		_ = CrossCheck(res, specimenTyped())
		if !res.Valid {
			return
		}
		again, err := FromText(strings.Join(res.Lines, "\n"))
		if err != nil {
			t.Fatalf("valid result's lines do not parse: %v", err)
		}
		res2 := Decode(again, today)
		if !res2.Valid || strings.Join(res2.Lines, "") != strings.Join(res.Lines, "") {
			t.Fatalf("not stable: %q then %q", res.Lines, res2.Lines)
		}
	})
}

// FuzzLocate runs the locator and reader on small arbitrary grey pictures
// (the first two bytes set the width, at most 32 KiB of pixels): no panic,
// and a zone reported as found has a zone's shape. Large inputs make the
// fuzzer's minimizer slow; run it with -fuzzminimizetime 0 to keep to
// thousands of executions a minute:
//
//	go test ./app/mrz -run '^$' -fuzz FuzzLocate -fuzztime 1m -fuzzminimizetime 0
func FuzzLocate(f *testing.F) {
	f.Add(zoneSeed(f))
	bars := make([]byte, 2+120*60)
	bars[1] = 120
	for i := 2; i < len(bars); i++ {
		x, y := (i-2)%120, (i-2)/120
		if (x/3)%2 == 0 && (y/12)%2 == 0 {
			bars[i] = 20
		} else {
			bars[i] = 230
		}
	}
	f.Add(bars)
	f.Fuzz(func(t *testing.T, data []byte) {
		img := fuzzImage(data)
		if img == nil {
			return
		}
		sc, err := ReadImage(context.Background(), img, today)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Found && (sc.Result == nil || len(sc.Result.Lines) < 2) {
			t.Fatalf("found without a zone: %+v", sc)
		}
	})
}

func fuzzImage(data []byte) *image.Gray {
	if len(data) < 3 || len(data) > 2+32<<10 {
		return nil
	}
	w := int(data[0])<<8 | int(data[1])
	if w < 4 || w > 1024 {
		return nil
	}
	h := (len(data) - 2) / w
	if h < 4 {
		return nil
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	copy(img.Pix, data[2:2+w*h])
	return img
}

// zoneSeed cuts the zone of the specimen fixture out of the page, reduced
// to 420 pixels wide: small, and still read (TestZoneSeedIsRead).
func zoneSeed(tb testing.TB) []byte {
	img := loadFixture(tb, fixture150)
	sc, err := ReadImage(context.Background(), img, today)
	if err != nil || !sc.Found {
		tb.Fatalf("fixture not read: %v", err)
	}
	x0, y0, x1, y1 := 1e9, 1e9, -1e9, -1e9
	for _, p := range sc.Zone {
		x0, y0 = min(x0, p[0]), min(y0, p[1])
		x1, y1 = max(x1, p[0]), max(y1, p[1])
	}
	crop := image.Rect(int(x0)-10, int(y0)-10, int(x1)+10, int(y1)+10).Intersect(img.Bounds())
	const w = 420
	h := crop.Dy() * w / crop.Dx()
	out := make([]byte, 2+w*h)
	out[0], out[1] = w>>8, w&0xff
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.GrayModel.Convert(img.At(crop.Min.X+x*crop.Dx()/w, crop.Min.Y+y*crop.Dy()/h)).(color.Gray)
			out[2+y*w+x] = c.Y
		}
	}
	return out
}

func TestZoneSeedIsRead(t *testing.T) {
	seed := zoneSeed(t)
	assert.LessOrEqual(t, len(seed), 2+32<<10)
	sc, err := ReadImage(context.Background(), fuzzImage(seed), today)
	require.NoError(t, err)
	require.True(t, sc.Found)
	assert.Equal(t, []string{specimen1, specimen2}, sc.Result.Lines)
}
