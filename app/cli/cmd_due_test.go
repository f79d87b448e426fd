package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/civil"
	"dossier/app/store"
)

func TestDueCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	_, errOut, code := run(t, "demo", "--workspace", dir, "--today", "2026-11-25", "--lang", "en")
	require.Equal(t, 0, code, errOut)

	// One employee enters visa-free on 01.12.2026 under MIA Order 923: the
	// registration is due 30 calendar days later, 31.12.2026.
	w, err := store.Open(context.Background(), dir, store.Options{})
	require.NoError(t, err)
	emps, err := w.Employees(context.Background(), store.EmployeeFilter{})
	require.NoError(t, err)
	var target store.Employee
	for _, e := range emps {
		if e.Citizenship != "" && e.Citizenship != "RU" && e.Citizenship != "KG" && e.Citizenship != "BY" && e.Citizenship != "AM" && e.TRPExpiry.IsZero() {
			target = e
			break
		}
	}
	if target.ID == 0 {
		target = emps[0]
		target.TRPExpiry, target.TRPIssued, target.Citizenship = civil.Date{}, civil.Date{}, "UZ"
		require.NoError(t, w.SaveEmployee(context.Background(), &target, civil.MustParse("2026-11-25")))
	}
	require.NoError(t, w.SaveClockDates(context.Background(), store.ClockDates{EmployeeID: target.ID,
		EntryDate: civil.MustParse("2026-12-01"), EntryBasis: store.EntryVisaFree}))
	employer, err := w.Employer(context.Background(), target.EmployerID)
	require.NoError(t, err)
	require.NoError(t, w.Close())

	out, errOut, code := run(t, "due", "--workspace", dir, "--today", "2026-12-07", "--company", employer.BIN, "--json")
	require.Equal(t, 0, code, errOut)
	var res struct {
		Companies []struct {
			BIN   string
			Items []struct {
				Clock, Due, Severity, Source, Confidence string
				EmployeeID                               int64 `json:"employee_id"`
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	require.Len(t, res.Companies, 1)
	assert.Equal(t, employer.BIN, res.Companies[0].BIN)
	found := false
	for _, it := range res.Companies[0].Items {
		if it.Clock == "arrival_registration" && it.EmployeeID == target.ID {
			found = true
			assert.Equal(t, "2026-12-31", it.Due)
			assert.Equal(t, "mia_923", it.Source)
			assert.Equal(t, "practice", it.Confidence)
		}
	}
	assert.True(t, found, "the registration clock is listed: %s", out)

	out, errOut, code = run(t, "due", "--workspace", dir, "--today", "2026-12-07", "--within", "week", "--lang", "en")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Deadlines in all:")
	assert.NotContains(t, out, "31.12.2026", "a month away is outside a week")

	_, errOut, code = run(t, "due", "--workspace", dir, "--within", "year")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "week")
	_, errOut, code = run(t, "due", "--workspace", dir, "--company", "000000000000")
	assert.Equal(t, 2, code, errOut)
	_, _, code = run(t, "due")
	assert.Equal(t, 2, code, "--workspace is required")
}

// A rules update loaded in the window lives in the workspace's rules.json;
// "due" and "schedule" must compute with it too, or the command line and the
// window disagree on a deadline. The ESUTD clock runs 5 working days (S29)
// from the contract's signing, so an extra day off inside those days moves it.
func TestDueUsesTheWorkspaceRules(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	_, errOut, code := run(t, "demo", "--workspace", dir, "--today", "2026-11-25", "--lang", "en")
	require.Equal(t, 0, code, errOut)
	ctx := context.Background()
	w, err := store.Open(ctx, dir, store.Options{})
	require.NoError(t, err)
	emps, err := w.Employees(ctx, store.EmployeeFilter{})
	require.NoError(t, err)
	target := emps[0]
	target.ContractESUTD = false
	require.NoError(t, w.SaveEmployee(ctx, &target, civil.MustParse("2026-11-25")))
	require.NoError(t, w.SaveClockDates(ctx, store.ClockDates{EmployeeID: target.ID,
		ContractSigned: civil.MustParse("2026-12-21")}))
	require.NoError(t, w.Close())

	esutdDue := func() (string, string) {
		out, errOut, code := run(t, "due", "--workspace", dir, "--today", "2026-12-07", "--json")
		require.Equal(t, 0, code, errOut)
		var res struct {
			Companies []struct {
				Items []struct {
					Clock, Due string
					EmployeeID int64 `json:"employee_id"`
				}
			}
		}
		require.NoError(t, json.Unmarshal([]byte(out), &res))
		for _, co := range res.Companies {
			for _, it := range co.Items {
				if it.Clock == "esutd_entry" && it.EmployeeID == target.ID {
					return it.Due, errOut
				}
			}
		}
		t.Fatalf("no ESUTD clock for employee %d in %s", target.ID, out)
		return "", ""
	}

	// The same transfers as shipped plus one more day off on Tuesday
	// 22.12.2026, worked on Saturday 05.12.2026.
	data, err := os.ReadFile("../rules/testdata/rulescheck/good_transfer.json")
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	writeRules := func(extra bool) {
		tr := doc["transfers"].(map[string]any)
		orders := tr["orders"].([]any)
		if extra {
			orders = append(orders, map[string]any{"working_day": "2026-12-05", "day_off": "2026-12-22",
				"act": "test order", "source": "transfer_2022", "confidence": "official"})
		}
		out := map[string]any{"format": doc["format"], "transfers": map[string]any{"version": tr["version"], "orders": orders}}
		b, err := json.Marshal(out)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "rules.json"), b, 0o600))
	}
	writeRules(false)
	before, _ := esutdDue()
	writeRules(true)
	after, _ := esutdDue()
	assert.NotEqual(t, before, after, "the workspace's extra day off moves the deadline")
	assert.Greater(t, after, before)

	// A broken workspace file leaves the built-in rules in force and says so.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "rules.json"), []byte("{"), 0o600))
	_, errOut = esutdDue()
	assert.Contains(t, errOut, "rules.json")
}
