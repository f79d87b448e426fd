package clocks

import (
	"context"
	"fmt"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/store"
)

// Load reads the active employees of the company with BIN bin (every
// company when bin is "") with their families and clock dates, and returns
// each company's items, companies in the order the store lists them.
// Employees without an employer form a company with an empty BIN and name.
func Load(ctx context.Context, ws *store.Workspace, set *rules.Set, bin string, today civil.Date, lang i18n.Lang) ([]Company, error) {
	employers, err := ws.Employers(ctx)
	if err != nil {
		return nil, fmt.Errorf("due: %w", err)
	}
	dates, err := ws.AllClockDates(ctx)
	if err != nil {
		return nil, fmt.Errorf("due: %w", err)
	}
	byID := map[int64]*Company{}
	var order []int64
	for _, er := range employers {
		if bin != "" && er.BIN != bin {
			continue
		}
		byID[er.ID] = &Company{Employer: er}
		order = append(order, er.ID)
	}
	index := map[int64][2]int64{} // employee id → company id, position
	err = ws.ReadRoster(ctx, store.RosterFilter{EmployerBIN: bin, Status: store.StatusActive}, store.RosterVisitor{
		Employee: func(r store.RosterEmployee) error {
			co, ok := byID[r.EmployerID]
			if !ok {
				if bin != "" {
					return nil
				}
				co = &Company{}
				byID[r.EmployerID] = co
				order = append(order, r.EmployerID)
			}
			d := dates[r.ID]
			d.EmployeeID = r.ID
			co.People = append(co.People, Person{Employee: r.Employee, Dates: d})
			index[r.ID] = [2]int64{r.EmployerID, int64(len(co.People) - 1)}
			return nil
		},
		Family: func(m store.RosterFamilyMember) error {
			at, ok := index[m.EmployeeID]
			if !ok {
				return nil
			}
			p := &byID[at[0]].People[at[1]]
			p.Family = append(p.Family, m.FamilyMember)
			return nil
		},
	})
	if err != nil {
		return nil, fmt.Errorf("due: %w", err)
	}
	out := make([]Company, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return out, nil
}

// ForEmployee computes the clocks of one employee and their family (not
// the company's own) from what the workspace holds now: the employee card.
func ForEmployee(ctx context.Context, ws *store.Workspace, set *rules.Set, employeeID int64, today civil.Date, lang i18n.Lang) ([]Item, error) {
	e, err := ws.Employee(ctx, employeeID)
	if err != nil {
		return nil, fmt.Errorf("clocks of employee %d: %w", employeeID, err)
	}
	var er store.Employer
	if e.EmployerID != 0 {
		if er, err = ws.Employer(ctx, e.EmployerID); err != nil {
			return nil, fmt.Errorf("clocks of employee %d: %w", employeeID, err)
		}
	}
	dates, err := ws.ClockDatesOf(ctx, employeeID)
	if err != nil {
		return nil, fmt.Errorf("clocks of employee %d: %w", employeeID, err)
	}
	family, err := ws.FamilyMembers(ctx, employeeID)
	if err != nil {
		return nil, fmt.Errorf("clocks of employee %d: %w", employeeID, err)
	}
	co := Company{Employer: er, People: []Person{{Employee: e, Dates: dates, Family: family}}}
	return Of(Compute(co, set, today, lang), employeeID), nil
}

// Collect reads the companies as Load does and returns every item due by
// last (everything overdue included), companies in the store's order and
// each company's items by date: the schedule's sheet of legal clocks.
func Collect(ctx context.Context, ws *store.Workspace, set *rules.Set, bin string, today, last civil.Date, lang i18n.Lang) ([]Item, error) {
	cos, err := Load(ctx, ws, set, bin, today, lang)
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, co := range cos {
		for _, it := range Compute(co, set, today, lang) {
			if !it.Due.After(last) {
				out = append(out, it)
			}
		}
	}
	return out, nil
}
