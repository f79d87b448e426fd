package orient

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// apply orients a w×h grid of values the way a caller does.
func apply(o int, pix []int, w, h int) ([]int, int, int) {
	nw, nh := Size(o, w, h)
	out := make([]int, 0, nw*nh)
	for y := 0; y < nh; y++ {
		for x := 0; x < nw; x++ {
			sx, sy := Source(o, w, h, x, y)
			out = append(out, pix[sy*w+sx])
		}
	}
	return out, nw, nh
}

func TestSource(t *testing.T) {
	// 3×2 grid:  1 2 3
	//            4 5 6
	grid := []int{1, 2, 3, 4, 5, 6}
	for _, tc := range []struct {
		o    int
		w, h int
		want []int
	}{
		{1, 3, 2, []int{1, 2, 3, 4, 5, 6}},
		{0, 3, 2, []int{1, 2, 3, 4, 5, 6}},
		{2, 3, 2, []int{3, 2, 1, 6, 5, 4}},
		{3, 3, 2, []int{6, 5, 4, 3, 2, 1}},
		{4, 3, 2, []int{4, 5, 6, 1, 2, 3}},
		{5, 2, 3, []int{1, 4, 2, 5, 3, 6}},
		{6, 2, 3, []int{4, 1, 5, 2, 6, 3}}, // turned clockwise
		{7, 2, 3, []int{6, 3, 5, 2, 4, 1}},
		{8, 2, 3, []int{3, 6, 2, 5, 1, 4}}, // turned anticlockwise
	} {
		got, w, h := apply(tc.o, grid, 3, 2)
		assert.Equal(t, tc.want, got, "orientation %d", tc.o)
		assert.Equal(t, [2]int{tc.w, tc.h}, [2]int{w, h}, "orientation %d", tc.o)
	}
}

func TestFromTurn(t *testing.T) {
	for deg, want := range map[int]int{0: 1, 90: 6, 180: 3, 270: 8, 360: 1, -90: 8, 450: 6, 45: 1} {
		assert.Equal(t, want, FromTurn(deg), "%d°", deg)
	}
	// Four quarter turns come back to the start.
	grid := []int{1, 2, 3, 4, 5, 6}
	got, w, h := grid, 3, 2
	for range 4 {
		got, w, h = apply(FromTurn(90), got, w, h)
	}
	assert.Equal(t, grid, got)
}
