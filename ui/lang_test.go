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
