package store

import (
	"context"
	"fmt"

	"dossier/app/rules"
)

// RulesCase turns a stored case into the case the rules engine reads (for
// the checklist, the timeline and the package), taking the applicant from the
// employee or the family member, the employer from the employee's employer,
// and for a family case the principal from the employee. It also carries
// what the papers the employer writes need (app/papers): the company's
// address, RKA and director, the passport, the contract's end, the residence
// address and RKA, how the owners consent and who they are.
func (w *Workspace) RulesCase(ctx context.Context, caseID int64) (rules.Case, error) {
	c, err := w.Case(ctx, caseID)
	if err != nil {
		return rules.Case{}, err
	}
	e, err := w.Employee(ctx, c.EmployeeID)
	if err != nil {
		return rules.Case{}, fmt.Errorf("case %d: %w", caseID, err)
	}
	rc := rules.Case{
		Schema: rules.CaseSchema, Purpose: c.Purpose, Kind: c.Kind, Channel: c.Channel, FilingDate: c.FilingDate,
		Housing: rules.Housing{OwnedByApplicant: c.OwnedByApplicant, Owners: c.OwnersCount, OwnersAbroad: c.OwnersAbroad,
			Address: e.ResidenceAddress, RKA: e.ResidenceRKA, Consent: c.HousingConsent},
	}
	// The owners the clerk listed decide the counts; a case from before the
	// list (or with none entered yet) keeps its stored counts.
	if list, err := w.Owners(ctx, caseID); err != nil {
		return rules.Case{}, fmt.Errorf("case %d: %w", caseID, err)
	} else if len(list) > 0 && !c.OwnedByApplicant {
		rc.Housing.Owners, rc.Housing.OwnersAbroad = len(list), 0
		for _, o := range list {
			if o.Abroad {
				rc.Housing.OwnersAbroad++
			}
			rc.Housing.OwnerList = append(rc.Housing.OwnerList, rules.Owner{Name: o.Name, IIN: o.IIN, Abroad: o.Abroad})
		}
	}
	if c.OwnedByApplicant {
		rc.Housing.OwnersAbroad = 0
	}
	if e.EmployerID != 0 {
		er, err := w.Employer(ctx, e.EmployerID)
		if err != nil {
			return rules.Case{}, fmt.Errorf("case %d: %w", caseID, err)
		}
		rc.Employer = rules.Employer{Name: er.Name, BIN: er.BIN, Address: er.Address, RKA: er.RKA,
			DirectorName: er.DirectorName, DirectorPosition: er.DirectorPosition}
	}
	applicant := rules.Applicant{
		Name: e.Name(), Citizenship: e.Citizenship, BirthDate: e.BirthDate, IIN: e.IIN,
		PermitIssued: e.TRPIssued, PermitExpires: e.TRPExpiry,
		Fingerprinted: !e.FingerprintDate.IsZero(), FingerprintedOn: e.FingerprintDate,
		NameLatin: e.NameLat, PassportNumber: e.PassportNo, PassportExpires: e.PassportExpiry, ContractEnds: e.ContractEnd,
	}
	if c.FamilyMemberID != 0 {
		fam, err := w.FamilyMembers(ctx, e.ID)
		if err != nil {
			return rules.Case{}, err
		}
		found := false
		for _, m := range fam {
			if m.ID != c.FamilyMemberID {
				continue
			}
			found = true
			rc.Principal = &rules.Principal{Name: e.Name(), Relation: m.Relation, PermitExpires: e.TRPExpiry}
			if m.Relation == RelationOther {
				rc.Principal.Relation = ""
			}
			name := m.NameCyr
			if name == "" {
				name = m.NameLat
			}
			applicant = rules.Applicant{
				Name: name, Citizenship: m.Citizenship, BirthDate: m.BirthDate, IIN: m.IIN,
				PermitExpires: m.TRPExpiry, Fingerprinted: !m.FingerprintDate.IsZero(), FingerprintedOn: m.FingerprintDate,
				NameLatin: m.NameLat, PassportNumber: m.PassportNo, PassportExpires: m.PassportExpiry,
			}
		}
		if !found {
			return rules.Case{}, fmt.Errorf("case %d: family member %d: %w", caseID, c.FamilyMemberID, ErrNotFound)
		}
	}
	rc.Applicant = applicant
	return rc, nil
}
