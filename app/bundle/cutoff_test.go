package bundle

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/i18n"
)

// An action with a cut-off time shows it on the cover, in every language.
func TestCoverActionShowsItsCutoff(t *testing.T) {
	in := Input{Cover: Cover{Applicant: "Иванов Иван", Actions: []Action{
		{Title: "Согласие собственников", Deadline: civil.MustParse("2023-12-29"), Time: "12:00"},
		{Title: "Дактилоскопия", Deadline: civil.MustParse("2023-12-28")},
	}}}
	for lang, want := range map[i18n.Lang][]string{
		i18n.RU: {"Согласие собственников — 29.12.2023 до 12:00", "Дактилоскопия — до 28.12.2023"},
		i18n.KK: {"29.12.2023, сағат 12:00-ге дейін"},
		i18n.EN: {"on 29.12.2023 by 12:00"},
	} {
		lines, err := coverLines(in, nil, lang)
		require.NoError(t, err)
		var all []string
		for _, l := range lines {
			all = append(all, l.text)
		}
		text := strings.Join(all, " ")
		for _, w := range want {
			assert.Contains(t, text, w, lang)
		}
	}
}
