package mrzcheck

import (
	"context"
	"errors"
	"image"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/mrz"
	"dossier/app/scan"
	"dossier/app/store"
)

// The ICAO specimen on generated pages (app/mrz's fixtures).
const (
	specimen150    = "../mrz/testdata/specimen-150dpi.jpg"
	specimenUpside = "../mrz/testdata/specimen-200dpi-upside-down.jpg"
)

var today = civil.New(2026, 12, 7)

// specimenTyped is the specimen's data as a clerk would type it.
func specimenTyped() mrz.Typed {
	return mrz.Typed{NameLat: "ERIKSSON ANNA MARIA", PassportNo: "L898902C3", BirthDate: civil.New(1974, 8, 12),
		Sex: "F", PassportExpiry: civil.New(2012, 4, 15)}
}

type memCache struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *memCache) CachedScan(_ context.Context, sha, validator string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[sha+"/"+validator]
	return v, ok, nil
}

func (c *memCache) CacheScan(_ context.Context, sha, validator, result string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[sha+"/"+validator] = result
	return nil
}

// counting makes a reader whose picture reads are counted.
func counting(cache Cache) (*Reader, *int) {
	r := NewReader(cache)
	n := 0
	var mu sync.Mutex
	r.readFile = func(ctx context.Context, path string, today civil.Date) (*mrz.Scan, error) {
		mu.Lock()
		n++
		mu.Unlock()
		return mrz.ReadFile(ctx, path, today)
	}
	return r, &n
}

// A file is read once per content, by however many callers at once; the
// cache serves a new reader (another window, the next day) without reading
// the picture again, and the zone is decoded as of the day asked.
func TestReaderCachesByContent(t *testing.T) {
	cache := &memCache{m: map[string]string{}}
	r, reads := counting(cache)
	var wg sync.WaitGroup
	scans := make([]*mrz.Scan, 4)
	for i := range scans {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc, err := r.Read(context.Background(), specimen150, "sha-1", today)
			assert.NoError(t, err)
			scans[i] = sc
		}()
	}
	wg.Wait()
	assert.Equal(t, 1, *reads)
	for _, sc := range scans {
		require.NotNil(t, sc)
		require.True(t, sc.Found)
		assert.True(t, sc.Result.Valid)
	}

	r2, reads2 := counting(cache)
	sc, err := r2.Read(context.Background(), specimen150, "sha-1", civil.New(2011, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, 0, *reads2, "served from the cache")
	require.True(t, sc.Found)
	assert.Equal(t, "L898902C3", sc.Result.Value(mrz.FDocumentNumber))
	// As of 2011 the specimen has not expired yet.
	for _, p := range sc.Result.Problems {
		assert.NotEqual(t, mrz.CodeExpired, p.Code)
	}
	assert.Len(t, sc.LineEnds, 2)

	// A file the reader cannot take is refused, and remembered as such.
	dir := t.TempDir()
	txt := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(txt, []byte("not a picture"), 0o600))
	_, err = r2.Read(context.Background(), txt, "sha-2", today)
	assert.ErrorIs(t, err, ErrRefused)
	r3, reads3 := counting(cache)
	_, err = r3.Read(context.Background(), txt, "sha-2", today)
	assert.ErrorIs(t, err, ErrRefused)
	assert.Equal(t, 0, *reads3)
}

// A page that exhausts the reader's work budget is refused, and since the
// budget is a count of steps the refusal is remembered like any other.
func TestReaderBudgetRemembered(t *testing.T) {
	cache := &memCache{m: map[string]string{}}
	r, reads := counting(cache)
	r.readFile = func(context.Context, string, civil.Date) (*mrz.Scan, error) {
		*reads++
		return nil, mrz.ErrBudget
	}
	_, err := r.Read(context.Background(), specimen150, "sha-3", today)
	assert.ErrorIs(t, err, ErrRefused)
	assert.ErrorIs(t, err, mrz.ErrBudget)
	r2, reads2 := counting(cache)
	_, err = r2.Read(context.Background(), specimen150, "sha-3", today)
	assert.ErrorIs(t, err, mrz.ErrBudget, "from the cache")
	assert.Equal(t, 1, *reads)
	assert.Equal(t, 0, *reads2)
}

// A cancelled read is not remembered: the next caller reads.
func TestReaderCancelled(t *testing.T) {
	r, reads := counting(nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r.readFile = func(ctx context.Context, _ string, _ civil.Date) (*mrz.Scan, error) {
		*reads++
		return nil, ctx.Err()
	}
	_, err := r.Read(ctx, specimen150, "sha", today)
	assert.True(t, errors.Is(err, context.Canceled), err)
	r.readFile = func(ctx context.Context, path string, today civil.Date) (*mrz.Scan, error) {
		*reads++
		return mrz.ReadFile(ctx, path, today)
	}
	sc, err := r.Read(context.Background(), specimen150, "sha", today)
	require.NoError(t, err)
	assert.True(t, sc.Found)
	assert.Equal(t, 2, *reads)
}

func TestCheck(t *testing.T) {
	r := NewReader(nil)
	sc, err := r.Read(context.Background(), specimen150, "sha", today)
	require.NoError(t, err)

	// Utopia is no state: said whatever was typed; left out below.
	withoutUtopia := func(fs []Finding) []Finding {
		var out []Finding
		for _, f := range fs {
			if f.Code != mrz.CrossSpecialState {
				out = append(out, f)
			}
		}
		return out
	}
	assert.Empty(t, withoutUtopia(Check(sc, "sha", specimenTyped())))

	typed := specimenTyped()
	typed.PassportNo = "L898902C8"
	typed.BirthDate = civil.New(1974, 12, 8)
	fs := withoutUtopia(Check(sc, "sha", typed))
	require.Len(t, fs, 2)
	assert.Equal(t, mrz.SevError, Worst(fs))
	for _, f := range fs {
		assert.Equal(t, mrz.CrossMismatch, f.Code)
		assert.Equal(t, "sha", f.File)
		for _, lang := range i18n.Langs {
			assert.NotContains(t, f.Message(lang), "%!")
		}
		// The mark lies on the zone's second line, inside the zone.
		assertInside(t, f.Mark, sc.Zone)
	}
	// The number's mark is nine characters long.
	num := fs[0].Mark
	if fs[0].Field != mrz.FDocumentNumber {
		num = fs[1].Mark
	}
	pitch := dist(sc.LineEnds[1][0], sc.LineEnds[1][1]) / 43
	assert.InDelta(t, 9, dist(num[0], num[1])/pitch, 0.5)

	none := Check(&mrz.Scan{}, "sha", typed)
	require.Len(t, none, 1)
	assert.Equal(t, mrz.CrossNoZone, none[0].Code)
	assert.NotContains(t, none[0].Message(i18n.EN), "%!")
}

// The crop shows the zone upright and straight whichever way the page lay:
// the reader reads the crop itself as an unturned zone. A field asked for
// is tinted, and only its characters.
func TestZoneCrop(t *testing.T) {
	r := NewReader(nil)
	for _, file := range []string{specimen150, specimenUpside} {
		sc, err := r.Read(context.Background(), file, file, today)
		require.NoError(t, err)
		img, err := scan.Grey(file, 4000)
		require.NoError(t, err)
		crop := ZoneCrop(img, sc)
		require.NotNil(t, crop, file)
		assert.Equal(t, int((43+2*cropMargin)*cropPitch), crop.Bounds().Dx())
		again, err := mrz.ReadImage(context.Background(), crop, today)
		require.NoError(t, err)
		require.True(t, again.Found, file)
		assert.Equal(t, 0, again.Turn, file)
		assert.Equal(t, sc.Result.Lines, again.Result.Lines, file)

		// A reduced copy of the picture gives the same crop's size.
		half := ZoneCrop(reduce(img), sc, mrz.FDocumentNumber)
		require.NotNil(t, half)
		assert.Equal(t, crop.Bounds(), half.Bounds())
		// Tinted pixels (blue well below red) only over the number: the
		// second line's first ten characters.
		for y := 0; y < half.Bounds().Dy(); y++ {
			for x := 0; x < half.Bounds().Dx(); x++ {
				c := half.NRGBAAt(x, y)
				if int(c.R)-int(c.B) > 60 {
					i := float64(x)/cropPitch - cropMargin
					assert.True(t, i > -1 && i < 9, "tint at character %.1f", i)
					assert.Greater(t, y, half.Bounds().Dy()/2-cropPitch/3)
				}
			}
		}
	}
	assert.Nil(t, ZoneCrop(image.NewGray(image.Rect(0, 0, 10, 10)), &mrz.Scan{}))
}

func TestEmployeeMapping(t *testing.T) {
	e := store.Employee{NameCyr: "Эрикссон", NameLat: "ERIKSSON ANNA", PassportNo: "L1", Citizenship: "SE",
		BirthDate: civil.New(1974, 8, 12), Sex: "F", PassportExpiry: civil.New(2030, 1, 1), IIN: "123"}
	ty := FromEmployee(e)
	assert.Equal(t, mrz.Typed{NameLat: "ERIKSSON ANNA", PassportNo: "L1", Citizenship: "SE",
		BirthDate: civil.New(1974, 8, 12), Sex: "F", PassportExpiry: civil.New(2030, 1, 1)}, ty)
	var back store.Employee
	back.NameCyr, back.IIN = e.NameCyr, e.IIN
	ToEmployee(&back, ty)
	assert.Equal(t, e, back)
	m := store.FamilyMember{NameLat: "X Y", PassportNo: "N1", Sex: "M"}
	assert.Equal(t, mrz.Typed{NameLat: "X Y", PassportNo: "N1", Sex: "M"}, FromMember(m))
}

func dist(a, b [2]float64) float64 { return math.Hypot(b[0]-a[0], b[1]-a[1]) }

// assertInside: every corner of q lies in the bounding box of zone, give or
// take a character.
func assertInside(t *testing.T, q, zone [4][2]float64) {
	t.Helper()
	lo, hi := [2]float64{math.Inf(1), math.Inf(1)}, [2]float64{math.Inf(-1), math.Inf(-1)}
	for _, p := range zone {
		for k := 0; k < 2; k++ {
			lo[k], hi[k] = math.Min(lo[k], p[k]), math.Max(hi[k], p[k])
		}
	}
	for _, p := range q {
		for k := 0; k < 2; k++ {
			assert.GreaterOrEqual(t, p[k], lo[k]-20)
			assert.LessOrEqual(t, p[k], hi[k]+20)
		}
	}
}

// reduce halves a grey picture.
func reduce(g *image.Gray) *image.Gray {
	b := g.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
	for y := 0; y < out.Rect.Dy(); y++ {
		for x := 0; x < out.Rect.Dx(); x++ {
			out.Pix[y*out.Stride+x] = g.GrayAt(b.Min.X+2*x, b.Min.Y+2*y).Y
		}
	}
	return out
}

// A file outside the workspace is known by its content: a copy under
// another name is not read again.
func TestReadPath(t *testing.T) {
	r, reads := counting(nil)
	data, err := os.ReadFile(specimen150)
	require.NoError(t, err)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jpg"), filepath.Join(dir, "паспорт.jpg")
	require.NoError(t, os.WriteFile(a, data, 0o600))
	require.NoError(t, os.WriteFile(b, data, 0o600))
	sc, shaA, err := r.ReadPath(context.Background(), a, today)
	require.NoError(t, err)
	assert.True(t, sc.Found)
	_, shaB, err := r.ReadPath(context.Background(), b, today)
	require.NoError(t, err)
	assert.Equal(t, shaA, shaB)
	assert.Len(t, shaA, 64)
	assert.Equal(t, 1, *reads)
	_, _, err = r.ReadPath(context.Background(), dir, today)
	assert.ErrorIs(t, err, ErrRefused, "a folder")
	_, _, err = r.ReadPath(context.Background(), filepath.Join(dir, "missing.jpg"), today)
	assert.Error(t, err)
}

// A case's applicant is the employee, or the family member it is for.
func TestTypedForCase(t *testing.T) {
	ctx := context.Background()
	ws, err := store.Open(ctx, filepath.Join(t.TempDir(), "ws"), store.Options{Create: true})
	require.NoError(t, err)
	defer ws.Close()
	today := civil.New(2026, 12, 7)
	emp := store.Employee{NameCyr: "Иванов Пётр", NameLat: "IVANOV PETR", PassportNo: "N1234567", Citizenship: "UZ",
		BirthDate: civil.New(1990, 2, 15), Sex: "M", Status: store.StatusActive}
	require.NoError(t, ws.SaveEmployee(ctx, &emp, today))
	kid := store.FamilyMember{EmployeeID: emp.ID, Relation: store.RelationChild, NameCyr: "Иванова Анна", NameLat: "IVANOVA ANNA",
		PassportNo: "N7654321", BirthDate: civil.New(2015, 5, 1), Sex: "F", Citizenship: "UZ"}
	require.NoError(t, ws.SaveFamilyMember(ctx, &kid, today))

	ty, err := TypedForCase(ctx, ws, store.Case{EmployeeID: emp.ID})
	require.NoError(t, err)
	assert.Equal(t, "N1234567", ty.PassportNo)
	ty, err = TypedForCase(ctx, ws, store.Case{EmployeeID: emp.ID, FamilyMemberID: kid.ID})
	require.NoError(t, err)
	assert.Equal(t, "IVANOVA ANNA", ty.NameLat)
	_, err = TypedForCase(ctx, ws, store.Case{EmployeeID: emp.ID, FamilyMemberID: kid.ID + 99})
	assert.ErrorIs(t, err, store.ErrNotFound)
}
