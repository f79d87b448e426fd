#!/bin/sh
# Regenerates the small image fixtures that Go cannot write itself
# (progressive and CMYK JPEG, HEIC, multi-page CCITT TIFF, a CCITT-compressed
# scanned PDF). Needs ImageMagick 6 built with HEIC and TIFF support:
#   sh app/scan/testdata/make-fixtures.sh
# The page drawn is a 600 × 400 px strip of "text" bars declared at 300 dpi
# (2 × 1.3 inches): small files that still pass the resolution check.
set -eu
cd "$(dirname "$0")"
IM=${IM:-/usr/bin/convert}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

draw=""
y=40
while [ $y -lt 360 ]; do
  x=40
  while [ $x -lt 540 ]; do
    w=$(( 6 + (x * 7 + y * 3) % 9 ))
    draw="$draw rectangle $x,$y $((x + 2)),$((y + 14)) rectangle $x,$((y + 6)) $((x + w)),$((y + 8))"
    x=$((x + w + 6))
  done
  y=$((y + 26))
done
"$IM" -size 600x400 xc:'#ececec' -fill '#202020' -draw "$draw" -units PixelsPerInch -density 300 "$tmp/page.png"

"$IM" "$tmp/page.png" -strip -interlace JPEG -quality 85 -units PixelsPerInch -density 300 "progressive scan.jpg"
"$IM" "$tmp/page.png" -strip -colorspace CMYK -quality 85 -units PixelsPerInch -density 300 "cmyk scan.jpg"
"$IM" "$tmp/page.png" -strip -quality 60 "iphone photo.heic"
"$IM" "$tmp/page.png" "$tmp/page.png" -strip -threshold 50% -compress Group4 -units PixelsPerInch -density 300 "scanner two pages.tif"
# A scan as many office scanners save it: a 1-bit CCITT G4 image filling an
# A4 page (ImageMagick may not write PDF here, so the G4 strip is taken out of
# a one-page TIFF and wrapped in a PDF by hand).
"$IM" -size 2480x3508 tile:"$tmp/page.png" "$tmp/a4.png"
"$IM" "$tmp/a4.png" -strip -threshold 50% -compress Group4 -define tiff:rows-per-strip=4000 "$tmp/one.tif"
python3 - "$tmp/one.tif" "fax scan.pdf" <<'PY'
import struct, sys
t = open(sys.argv[1], "rb").read()
bo = "<" if t[:2] == b"II" else ">"
off = struct.unpack(bo + "I", t[4:8])[0]
n = struct.unpack(bo + "H", t[off:off + 2])[0]
tags = {}
for i in range(n):
    e = t[off + 2 + 12 * i: off + 14 + 12 * i]
    tag, typ, cnt = struct.unpack(bo + "HHI", e[:8])
    val = struct.unpack(bo + ("H" if typ == 3 else "I"), e[8:10] if typ == 3 else e[8:12])[0]
    tags[tag] = val
w, h, so, sc = tags[256], tags[257], tags[273], tags[279]
black_is_zero = tags.get(262, 0) == 1  # TIFF min-is-black
data = t[so:so + sc]
content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns %d /Rows %d /BlackIs1 %s >> /Length %d >>\nstream\n" % (w, h, w, h, b"true" if black_is_zero else b"false", len(data)) + data + b"\nendstream",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
]
out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(sys.argv[2], "wb").write(out)
PY
ls -l
