package display

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestName(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Паспорт Иванова.pdf", "Паспорт Иванова.pdf"},
		{"kazakh", "Төлқұжат ҚР.jpg", "Төлқұжат ҚР.jpg"},
		{"not UTF-8", "scan\xff\xfe.pdf", "scan\uFFFD.pdf"},
		{"terminal escape", "a\x1b[2J\x1b]0;owned\x07.pdf", "a\uFFFD[2J\uFFFD]0;owned\uFFFD.pdf"},
		{"right-to-left override", "photo\u202Egpj.exe", "photo\uFFFDgpj.exe"},
		{"isolate and mark", "a\u2067b\u200Fc", "a\uFFFDb\uFFFDc"},
		{"newline and tab", "two\nlines\t.pdf", "two\uFFFDlines\uFFFD.pdf"},
		{"C1 control", "x\u009bq", "x\uFFFDq"},
		{"decomposed is composed", "й.pdf", "й.pdf"},
		{"zero-width joiner kept", "a\u200Db", "a\u200Db"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Name(tc.in)
			assert.Equal(t, tc.want, got)
			assert.True(t, utf8.ValidString(got))
		})
	}
}

func TestNameLength(t *testing.T) {
	long := make([]rune, 500)
	for i := range long {
		long[i] = 'я'
	}
	got := []rune(Name(string(long)))
	assert.Len(t, got, MaxRunes+1)
	assert.Equal(t, '…', got[MaxRunes])
}

func FuzzName(f *testing.F) {
	f.Add("photo\u202Egpj.exe")
	f.Add("a\x1b[31m\xff")
	f.Fuzz(func(t *testing.T, s string) {
		got := Name(s)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		for _, r := range got {
			if unsafeRune(r) {
				t.Fatalf("unsafe rune %U left in %q", r, got)
			}
		}
		if Name(got) != got {
			t.Fatalf("not idempotent: %q", got)
		}
	})
}
