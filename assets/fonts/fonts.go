// Package fonts embeds the TrueType fonts Dossier writes into PDFs: DejaVu Sans
// (regular and bold), which cover the Russian and Kazakh alphabets (ә ғ қ ң ө ұ
// ү һ і) as well as Latin. Their licence is in LICENSE beside them.
package fonts

import _ "embed"

// DejaVuSans is the regular face.
//
//go:embed DejaVuSans.ttf
var DejaVuSans []byte

// DejaVuSansBold is the bold face, for headings.
//
//go:embed DejaVuSans-Bold.ttf
var DejaVuSansBold []byte
