package overview

import (
	"context"

	"dossier/app/civil"
	"dossier/app/clocks"
	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/store"
)

// Pressing counts the items that are overdue or due within
// clocks.UrgentDays: what the attention bar puts first. Notices have no
// date and are left to the Due view.
func Pressing(items []clocks.Item) int {
	n := 0
	for _, it := range items {
		if it.Severity == clocks.Overdue || it.Severity == clocks.Urgent {
			n++
		}
	}
	return n
}

// DueByEmployer reads every company's legal clocks and counts the pressing
// items of each, by employer id (0: employees without an employer).
func DueByEmployer(ctx context.Context, ws *store.Workspace, set *rules.Set, today civil.Date) (map[int64]int, error) {
	cos, err := clocks.Load(ctx, ws, set, "", today, i18n.Default)
	if err != nil {
		return nil, err
	}
	out := map[int64]int{}
	for _, co := range cos {
		if n := Pressing(clocks.Compute(co, set, today, i18n.Default)); n > 0 {
			out[co.Employer.ID] += n
		}
	}
	return out, nil
}
