package bundle

import (
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/stretchr/testify/require"
)

// Helpers that read a written PDF back the way a viewer would: page sizes
// as shown (rotation applied), bookmarks, and text through the fonts'
// ToUnicode maps — the same path copy-and-paste and search take.

func readPDFFile(t *testing.T, path string) *model.Context {
	t.Helper()
	require.NoError(t, api.ValidateFile(path, newConf()), "pdfcpu validation of %s", path)
	ctx, err := api.ReadContextFile(path)
	require.NoError(t, err)
	return ctx
}

type shownPage struct {
	w, h   float64 // as seen, after /Rotate
	rotate int
	images []imageInfo
}

type imageInfo struct {
	w, h   int
	filter string
	bytes  int
	raw    []byte
}

func pageShown(t *testing.T, ctx *model.Context, nr int) shownPage {
	t.Helper()
	_, _, inh, err := ctx.PageDict(nr, false)
	require.NoError(t, err)
	w, h := inh.MediaBox.Width(), inh.MediaBox.Height()
	rot := ((inh.Rotate % 360) + 360) % 360
	if rot == 90 || rot == 270 {
		w, h = h, w
	}
	p := shownPage{w: w, h: h, rotate: rot}
	if xo := inh.Resources.DictEntry("XObject"); xo != nil {
		for _, v := range xo {
			sd, _, err := ctx.DereferenceStreamDict(v)
			require.NoError(t, err)
			if sd == nil || sd.Dict.NameEntry("Subtype") == nil || *sd.Dict.NameEntry("Subtype") != "Image" {
				continue
			}
			f := ""
			if n := sd.Dict.NameEntry("Filter"); n != nil {
				f = *n
			}
			p.images = append(p.images, imageInfo{w: *sd.Dict.IntEntry("Width"), h: *sd.Dict.IntEntry("Height"), filter: f, bytes: len(sd.Raw), raw: sd.Raw})
		}
	}
	return p
}

func isA4(p shownPage) bool {
	near := func(a, b float64) bool { return a > b-1 && a < b+1 }
	return (near(p.w, a4W) && near(p.h, a4H)) || (near(p.w, a4H) && near(p.h, a4W))
}

func bookmarks(t *testing.T, ctx *model.Context) []pdfcpu.Bookmark {
	t.Helper()
	bms, err := pdfcpu.Bookmarks(ctx)
	require.NoError(t, err)
	return bms
}

var (
	reBfChar = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
	reBfRng  = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
)

// pageText returns the text drawn on page nr, including form XObjects (the
// page-number stamps), decoded through ToUnicode.
func pageText(t *testing.T, ctx *model.Context, nr int) string {
	t.Helper()
	_, _, inh, err := ctx.PageDict(nr, true)
	require.NoError(t, err)
	r, err := pdfcpu.ExtractPageContent(ctx, nr)
	require.NoError(t, err)
	var sb strings.Builder
	buf := new(strings.Builder)
	_, _ = readAllString(r, buf)
	textOf(t, ctx, buf.String(), inh.Resources, &sb, 0)
	return sb.String()
}

func readAllString(r interface{ Read([]byte) (int, error) }, sb *strings.Builder) (int, error) {
	b := make([]byte, 32<<10)
	n := 0
	for {
		k, err := r.Read(b)
		sb.Write(b[:k])
		n += k
		if err != nil {
			return n, nil
		}
	}
}

func textOf(t *testing.T, ctx *model.Context, content string, res types.Dict, sb *strings.Builder, depth int) {
	if depth > 4 || res == nil {
		return
	}
	sub := func(key string) types.Dict {
		o, ok := res[key]
		if !ok {
			return nil
		}
		d, _ := ctx.DereferenceDict(o)
		return d
	}
	fonts, xobjs := sub("Font"), sub("XObject")
	var cmap map[uint16]rune
	emit := func(b []byte) {
		for i := 0; i+1 < len(b); i += 2 {
			code := uint16(b[i])<<8 | uint16(b[i+1])
			if r, ok := cmap[code]; ok {
				sb.WriteRune(r)
			} else {
				sb.WriteRune('?')
			}
		}
		sb.WriteByte('\n')
	}
	lastName := ""
	c := content
	for i := 0; i < len(c); i++ {
		switch ch := c[i]; {
		case ch == '/':
			j := i + 1
			for j < len(c) && !strings.ContainsRune(" \t\r\n/[]()<>{}%", rune(c[j])) {
				j++
			}
			lastName = c[i+1 : j]
			i = j - 1
		case ch == '(':
			var b []byte
			level := 1
			j := i + 1
			for ; j < len(c) && level > 0; j++ {
				switch c[j] {
				case '\\':
					j++
					if j >= len(c) {
						break
					}
					switch e := c[j]; e {
					case 'n':
						b = append(b, '\n')
					case 'r':
						b = append(b, '\r')
					case 't':
						b = append(b, '\t')
					case 'b':
						b = append(b, '\b')
					case 'f':
						b = append(b, '\f')
					case '\r', '\n':
					default:
						if e >= '0' && e <= '7' {
							v, k := 0, 0
							for k < 3 && j < len(c) && c[j] >= '0' && c[j] <= '7' {
								v = v*8 + int(c[j]-'0')
								j++
								k++
							}
							j--
							b = append(b, byte(v))
						} else {
							b = append(b, e)
						}
					}
				case '(':
					level++
					b = append(b, '(')
				case ')':
					level--
					if level > 0 {
						b = append(b, ')')
					}
				default:
					b = append(b, c[j])
				}
			}
			emit(b)
			i = j - 1
		case ch == '<' && i+1 < len(c) && c[i+1] != '<':
			j := strings.IndexByte(c[i:], '>')
			if j < 0 {
				return
			}
			if b, err := hex.DecodeString(strings.Join(strings.Fields(c[i+1:i+j]), "")); err == nil {
				emit(b)
			}
			i += j
		case ch == '<':
			i++
		case strings.HasPrefix(c[i:], "Tf") && lastName != "":
			cmap = nil
			if fonts != nil {
				if fd, _ := ctx.DereferenceDict(fonts[lastName]); fd != nil {
					cmap = toUnicode(t, ctx, fd)
				}
			}
			i++
		case strings.HasPrefix(c[i:], "Do") && lastName != "" && xobjs != nil:
			sd, _, err := ctx.DereferenceStreamDict(xobjs[lastName])
			i++
			if err != nil || sd == nil || sd.Dict.NameEntry("Subtype") == nil || *sd.Dict.NameEntry("Subtype") != "Form" {
				continue
			}
			require.NoError(t, sd.Decode())
			fres, _ := ctx.DereferenceDict(sd.Dict["Resources"])
			textOf(t, ctx, string(sd.Content), fres, sb, depth+1)
		}
	}
}

func toUnicode(t *testing.T, ctx *model.Context, fd types.Dict) map[uint16]rune {
	sd, _, err := ctx.DereferenceStreamDict(fd["ToUnicode"])
	if err != nil || sd == nil {
		return nil
	}
	require.NoError(t, sd.Decode())
	s := string(sd.Content)
	out := map[uint16]rune{}
	for _, blk := range strings.Split(s, "beginbfrange")[1:] {
		blk = strings.Split(blk, "endbfrange")[0]
		for _, m := range reBfRng.FindAllStringSubmatch(blk, -1) {
			lo, _ := strconv.ParseUint(m[1], 16, 16)
			hi, _ := strconv.ParseUint(m[2], 16, 16)
			u, _ := strconv.ParseUint(m[3], 16, 32)
			for c := lo; c <= hi; c++ {
				out[uint16(c)] = rune(u + (c - lo))
			}
		}
	}
	for _, blk := range strings.Split(s, "beginbfchar")[1:] {
		blk = strings.Split(blk, "endbfchar")[0]
		for _, m := range reBfChar.FindAllStringSubmatch(blk, -1) {
			c, _ := strconv.ParseUint(m[1], 16, 16)
			u, _ := strconv.ParseUint(m[2], 16, 32)
			out[uint16(c)] = rune(u)
		}
	}
	return out
}
