package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
)

func TestFyneWidgetsFollowChosenLanguage(t *testing.T) {
	test.NewTempApp(t)
	for l, want := range map[i18n.Lang][2]string{
		i18n.KK: {"Болдырмау", "Сейсенбі"},
		i18n.RU: {"Отмена", "Вторник"}, // Fyne's own Russian swaps Tuesday and Thursday
		i18n.EN: {"Cancel", "Tuesday"},
	} {
		require.NoError(t, applyFyneLanguage(l))
		assert.Equal(t, want[0], lang.L("Cancel"), l)
		assert.Equal(t, want[1], lang.L("tuesday"), l)
	}
}

// fyneKeys is every string Fyne 2.7.1 asks through its lang package in the
// widgets Dossier shows: the file dialog (dialog/file.go, fileitem.go), the
// confirm, information and form dialogs, and an entry's context menu
// (widget/entry.go). Its other English (the "Home" and "Computer" places,
// the overwrite question) is fixed in Fyne's code, not asked (see
// dialogs.go).
var fyneKeys = []string{
	"Open", "Save", "File", "Folder", "Cancel", "Enter filename", "New Folder", "Create Folder",
	"Show Hidden Files", "(Parent)", "Yes", "No", "OK", "Error", "Confirm", "Advanced",
	"Copy", "Cut", "Paste", "Select all", "Undo", "Redo", "Quit",
}

// Each of them is answered in Russian and in Kazakh, and the file dialog's
// counted strings (lang.X) too.
func TestEveryFyneStringIsTranslated(t *testing.T) {
	test.NewTempApp(t)
	for _, l := range []i18n.Lang{i18n.RU, i18n.KK} {
		require.NoError(t, applyFyneLanguage(l))
		for _, k := range fyneKeys {
			got := lang.L(k)
			assert.NotEqual(t, k, got, "%s: %q is not translated", l, k)
			assert.NotEmpty(t, got, "%s: %q", l, k)
		}
		for key, en := range map[string]string{"file.name": "Name", "file.parent": "Parent"} {
			assert.NotEqual(t, en, lang.X(key, en), "%s: %q is not translated", l, key)
		}
	}
	require.NoError(t, applyFyneLanguage(i18n.EN))
	for _, k := range fyneKeys {
		assert.Equal(t, k, lang.L(k), "English is Fyne's own")
	}
	require.NoError(t, applyFyneLanguage(i18n.RU))
}
