package clocks

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/store"
	"dossier/assets"
)

// overrideFile is the built-in procedures section with edit applied to its
// clocks and a higher version: the way a consultant changes a clock.
func overrideFile(t *testing.T, edit func(clocks []map[string]any) []map[string]any) []byte {
	t.Helper()
	var file map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(assets.Rules, &file))
	var proc map[string]any
	require.NoError(t, json.Unmarshal(file["procedures"], &proc))
	var list []map[string]any
	raw, err := json.Marshal(proc["clocks"])
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &list))
	proc["clocks"] = edit(list)
	proc["version"] = proc["version"].(float64) + 1
	out, err := json.Marshal(map[string]any{"format": 1, "procedures": proc})
	require.NoError(t, err)
	return out
}

// A workspace rules file can replace a clock and add one, through its
// procedures section (the clocks live there and cite its sources): here the
// ESUTD term becomes 3 working days and a notice for visa entries is added.
// A procedures section without clocks is warned about by the check, since
// it would drop them all.
func TestWorkspaceOverrideReplacesAndAddsClocks(t *testing.T) {
	data := overrideFile(t, func(list []map[string]any) []map[string]any {
		for _, c := range list {
			if c["id"] == "esutd_entry" {
				c["working_days"] = 3
			}
		}
		return append(list, map[string]any{"id": "visa_registration", "anchor": "entry_date", "applies_to": "no_trp",
			"notice": true, "title": map[string]string{"ru": "р", "kk": "т", "en": "Registration on a visa"},
			"note": map[string]string{"ru": "р", "kk": "т", "en": "n"}, "source": "mia_923", "confidence": "assumption",
			"effective_from": "2026-07-01", "date_basis": "reported"})
	})
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, rules.WorkspaceFile), data, 0o600))
	set, _, err := rules.ForWorkspace(dir, embedded(t))
	require.NoError(t, err)

	p := Person{Employee: worker(), Dates: store.ClockDates{ContractSigned: d("2026-12-14"), EntryDate: d("2026-12-01"), EntryBasis: store.EntryVisa}}
	items := Compute(Company{People: []Person{p}}, set, today, i18n.EN)
	// S29 with 3 working days from Mon 14.12.2026: 15, 17, 18 (16 December off).
	check(t, items, want{"esutd_entry", "2026-12-18", "S30", rules.Practice, Soon})
	check(t, items, want{"visa_registration", "2026-12-01", "mia_923", rules.Assumption, Notice})

	rep := rules.Check(overrideFile(t, func([]map[string]any) []map[string]any { return nil }), embedded(t)).In(i18n.EN)
	var codes []string
	for _, f := range rep.Findings {
		codes = append(codes, f.Code)
	}
	assert.Contains(t, codes, "clocks_dropped")
	rep = rules.Check(data, embedded(t))
	for _, f := range rep.Findings {
		assert.NotEqual(t, "clocks_dropped", f.Code)
	}
}
