package cleantext

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClean(t *testing.T) {
	tests := []struct {
		in, want string
		bad      rune
	}{
		{"Иванов Иван", "Иванов Иван", -1},
		{"Иванов\nИван", "Иванов Иван", -1},
		{"Иванов\r\n\tИван", "Иванов Иван", -1},
		{"\uFEFFИванов\u200B", "Иванов", -1},
		{"Ivanov\u001FIvan", "", 0x1F},
		{"Ivanov\x00", "", 0},
		{"Ivanov\u0085x", "Ivanov x", -1},
		{"Ivanov\u009Bx", "", 0x9B},
		{"\u202EvonavI", "", 0x202E},
		{"a\u2067b", "", 0x2067},
		{"a\x7fb", "", 0x7F},
		{"a\uFFFDb", "", 0xFFFD},
	}
	for _, tc := range tests {
		got, bad := Clean(tc.in)
		assert.Equal(t, tc.bad, bad, "%q", tc.in)
		if tc.bad < 0 {
			assert.Equal(t, tc.want, got, "%q", tc.in)
		}
	}
	assert.Equal(t, "U+001F", Code(0x1F))
}
