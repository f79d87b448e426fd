package store

import (
	"database/sql"

	"dossier/app/civil"
)

// dateArg stores a date as YYYY-MM-DD, and the zero date as NULL.
func dateArg(d civil.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// nullDate scans a nullable YYYY-MM-DD column. A malformed value (edited by
// hand, say) reads as no date rather than failing the whole list.
type nullDate struct{ d *civil.Date }

func (n nullDate) Scan(src any) error {
	var s sql.NullString
	if err := s.Scan(src); err != nil {
		return err
	}
	*n.d = civil.Date{}
	if s.Valid && s.String != "" {
		if d, err := civil.Parse(s.String); err == nil {
			*n.d = d
		}
	}
	return nil
}

func boolArg(b bool) int {
	if b {
		return 1
	}
	return 0
}

func idArg(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullID scans a nullable foreign key into 0 for none.
type nullID struct{ id *int64 }

func (n nullID) Scan(src any) error {
	var v sql.NullInt64
	if err := v.Scan(src); err != nil {
		return err
	}
	*n.id = v.Int64
	return nil
}
