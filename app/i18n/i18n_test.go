package i18n

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegisterRejectsIncompleteAndDuplicate(t *testing.T) {
	require.NoError(t, Register([]byte(`{"test.hello":{"ru":"Привет, %s","kk":"Сәлем, %s","en":"Hello, %s"}}`)))
	assert.Equal(t, "Сәлем, Айгүл", T(KK, "test.hello", "Айгүл"))
	assert.Error(t, Register([]byte(`{"test.hello":{"ru":"a","kk":"b","en":"c"}}`)), "duplicate")
	assert.Error(t, Register([]byte(`{"test.partial":{"ru":"a","en":"c"}}`)), "missing kk")
	assert.False(t, Has("test.partial"), "a rejected document registers nothing")
	assert.Equal(t, "[test.nope]", T(RU, "test.nope"))
}

func TestPlural(t *testing.T) {
	require.NoError(t, Register([]byte(`{"test.days":{"ru":"%d день|%d дня|%d дней","kk":"%d күн","en":"%d day|%d days"}}`)))
	cases := []struct {
		lang Lang
		n    int
		want string
	}{
		{RU, 1, "1 день"}, {RU, 2, "2 дня"}, {RU, 5, "5 дней"}, {RU, 11, "11 дней"},
		{RU, 12, "12 дней"}, {RU, 21, "21 день"}, {RU, 22, "22 дня"}, {RU, 111, "111 дней"},
		{RU, -3, "-3 дня"}, {RU, 0, "0 дней"},
		{EN, 1, "1 day"}, {EN, 0, "0 days"}, {EN, 2, "2 days"},
		{KK, 1, "1 күн"}, {KK, 5, "5 күн"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, N(c.lang, "test.days", c.n), "%s %d", c.lang, c.n)
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"ru": RU, "RU": RU, "kk": KK, "kz": KK, "en": EN} {
		got, err := ParseLang(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got)
	}
	_, err := ParseLang("de")
	assert.ErrorIs(t, err, ErrUnknownLang)
}

func TestFormatArgs(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"plain", []string{}},
		{"100%% done", []string{}},
		{"%s and %d", []string{"1:s", "2:d"}},
		{"%[2]s before %[1]s", []string{"1:s", "2:s"}},
		{"%v then %q", []string{"1:s", "2:s"}},
		{"%5.1f MB, %-10s", []string{"1:f", "2:s"}},
		{"one file|%d files", []string{"1:d"}},
		{"%[2]d of %d", []string{"2:d", "3:d"}},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, formatArgs(c.in), c.in)
	}
}

func TestRegisterRejectsMismatchedFormats(t *testing.T) {
	err := Register([]byte(`{"test.verbs":{"ru":"%d из %s","kk":"%d / %s","en":"%s of %d"}}`))
	assert.ErrorContains(t, err, "test.verbs")
	assert.False(t, Has("test.verbs"))
	err = Register([]byte(`{"test.missing":{"ru":"файл %s","kk":"файл","en":"file %s"}}`))
	assert.ErrorContains(t, err, "kk")
	require.NoError(t, Register([]byte(`{"test.reordered":{"ru":"%[2]s: %[1]d","kk":"%[2]s — %[1]d","en":"%d in %s"}}`)))
}
