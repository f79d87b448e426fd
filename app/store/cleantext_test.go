package store

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
)

// TestControlCharactersRefusedOrCleaned: the form saves through
// SaveEmployee; a control character (U+001F dropped a row of the schedule)
// or a bidi override is refused naming the field, a line break is cleaned.
func TestControlCharactersRefusedOrCleaned(t *testing.T) {
	w := openTemp(t)
	ctx := context.Background()
	e := Employee{NameCyr: "Иванов\u001fИван", NameLat: "Ivanov\nIvan", PassportNo: "N\u202e123", Citizenship: "RU"}
	err := w.SaveEmployee(ctx, &e, today)
	var ve *ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	fields := map[string]Problem{}
	for _, p := range ve.Problems {
		fields[p.Field] = p
	}
	require.Contains(t, fields, "name_cyr")
	require.Contains(t, fields, "passport_no")
	assert.NotContains(t, fields, "name_lat", "a line break is cleaned, not refused")
	for _, lang := range i18n.Langs {
		text := Explain(lang, err)
		assert.Contains(t, text, "U+001F")
		assert.Contains(t, text, "U+202E")
		assert.Contains(t, text, i18n.T(lang, "store.field.name_cyr"))
		assert.NotContains(t, text, "[store.")
	}

	e = Employee{NameCyr: "Иванов\tИван", NameLat: "Ivanov\r\nIvan", PassportNo: "N123\u200b", Citizenship: "RU"}
	require.NoError(t, w.SaveEmployee(ctx, &e, today))
	got, err := w.Employee(ctx, e.ID)
	require.NoError(t, err)
	assert.Equal(t, "Иванов Иван", got.NameCyr)
	assert.Equal(t, "Ivanov Ivan", got.NameLat)
	assert.Equal(t, "N123", got.PassportNo)

	emp := Employer{Name: "ТОО\u0007Пример"}
	require.Error(t, w.SaveEmployer(ctx, &emp))
}
