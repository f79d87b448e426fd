#!/bin/sh
# Renders the 37 MRZ characters of OCR-B (the round, regular outline of
# Debian's fonts-ocr-b, public domain) one per image, each on the same canvas
# with the same pen position, so the glyphs keep their place in the
# character cell. Go's sfnt cannot draw this font's "8" and "<" (their
# outlines use the CFF flex1 operator), so FreeType, through ImageMagick,
# draws them here once; app/mrz/internal/gentemplates turns the result into
# the reader's templates (go generate ./app/mrz).
#
# Needs: apt-get install fonts-ocr-b imagemagick
set -eu
font=/usr/share/fonts/opentype/ocr-b/OCRB.otf
out=$(dirname "$0")/../assets/ocrb/glyphs
mkdir -p "$out"
# 200 pt at 72 dpi: the advance is 143 px, the cap height 140 px; the pen
# sits at x=10 on the baseline y=200 of a 164 × 260 canvas.
for c in A B C D E F G H I J K L M N O P Q R S T U V W X Y Z 0 1 2 3 4 5 6 7 8 9 '<'; do
	name=$c
	[ "$c" = '<' ] && name=filler
	convert -size 164x260 xc:white -font "$font" -pointsize 200 -fill black \
		-draw "text 10,200 '$c'" -colorspace Gray -depth 8 "$out/$name.png"
done
