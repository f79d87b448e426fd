package mrzcheck

import (
	"context"
	"fmt"

	"dossier/app/mrz"
	"dossier/app/store"
)

// TypedForCase is what the clerk typed for the applicant of a case: the
// employee, or the family member the case is for.
func TypedForCase(ctx context.Context, ws *store.Workspace, c store.Case) (mrz.Typed, error) {
	if c.FamilyMemberID == 0 {
		e, err := ws.Employee(ctx, c.EmployeeID)
		if err != nil {
			return mrz.Typed{}, fmt.Errorf("case applicant: %w", err)
		}
		return FromEmployee(e), nil
	}
	members, err := ws.FamilyMembers(ctx, c.EmployeeID)
	if err != nil {
		return mrz.Typed{}, fmt.Errorf("case applicant: %w", err)
	}
	for _, m := range members {
		if m.ID == c.FamilyMemberID {
			return FromMember(m), nil
		}
	}
	return mrz.Typed{}, fmt.Errorf("case applicant: family member %d: %w", c.FamilyMemberID, store.ErrNotFound)
}
