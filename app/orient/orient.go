// Package orient maps pixel positions through the eight EXIF orientations,
// so the package builder (turning full pictures) and the intake check
// (turning previews) agree on which way is up.
//
// Orientation o describes how the stored pixels must be transformed to be
// shown upright: 1 as stored, 2 mirrored left–right, 3 turned 180°, 4
// mirrored top–bottom, 5 transposed, 6 turned 90° clockwise, 7 transversed,
// 8 turned 90° anticlockwise. Anything outside 1–8 is treated as 1.
package orient

// Size is the size of a w×h picture once orientation o is applied: 5–8 swap
// width and height.
func Size(o, w, h int) (int, int) {
	if o >= 5 && o <= 8 {
		return h, w
	}
	return w, h
}

// Source is the position in the stored w×h picture of the pixel shown at
// (x, y) once orientation o is applied. Callers walk the output and copy
// from Source, so every output pixel is written exactly once.
func Source(o, w, h, x, y int) (sx, sy int) {
	switch o {
	case 2:
		return w - 1 - x, y
	case 3:
		return w - 1 - x, h - 1 - y
	case 4:
		return x, h - 1 - y
	case 5:
		return y, x
	case 6:
		return y, h - 1 - x
	case 7:
		return w - 1 - y, h - 1 - x
	case 8:
		return w - 1 - y, x
	}
	return x, y
}

// FromTurn is the orientation that turns a picture deg degrees clockwise;
// deg is taken modulo 360, and anything but a quarter turn gives 1.
func FromTurn(deg int) int {
	switch ((deg % 360) + 360) % 360 {
	case 90:
		return 6
	case 180:
		return 3
	case 270:
		return 8
	}
	return 1
}
