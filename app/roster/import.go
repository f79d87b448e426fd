package roster

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"dossier/app/civil"
	"dossier/app/i18n"
	"dossier/app/store"
)

// Options control an import.
type Options struct {
	ReadOptions
	// EmployerBIN is the employer for rows that name none. Without it, rows
	// without an employer go to the workspace's only employer, if it has one.
	EmployerBIN string
	// Today is the day of the import (birth dates in the future are refused).
	Today civil.Date
	// Progress is called after each row with rows done and rows in all.
	Progress func(done, total int)
}

// Reason is one thing wrong with a row.
type Reason struct {
	Column string `json:"column,omitempty"` // the header title, as in the file
	Key    string `json:"key"`
	Args   []any  `json:"args,omitempty"`
}

// Text renders the reason in lang, naming the column when there is one.
func (r Reason) Text(lang i18n.Lang) string {
	s := i18n.T(lang, r.Key, r.Args...)
	if r.Column != "" {
		return i18n.T(lang, "roster.in_column", r.Column, s)
	}
	return s
}

// Skipped is a row that was not imported, with every reason found.
type Skipped struct {
	Line    int      `json:"line"`
	Reasons []Reason `json:"reasons"`
}

// Text renders the reasons in lang, separated by semicolons.
func (s Skipped) Text(lang i18n.Lang) string {
	parts := make([]string, len(s.Reasons))
	for i, r := range s.Reasons {
		parts[i] = r.Text(lang)
	}
	return strings.Join(parts, "; ")
}

// Result says what an import did.
type Result struct {
	Sheet       string            `json:"sheet,omitempty"`
	Encoding    string            `json:"encoding,omitempty"`
	Delimiter   string            `json:"delimiter,omitempty"`
	HeaderLines []int             `json:"header_lines"`
	Columns     map[string]string `json:"columns"` // field id → header title
	Rows        int               `json:"rows"`    // data rows read (empty rows not counted)
	Added       int               `json:"added"`
	Updated     int               `json:"updated"`
	Skipped     []Skipped         `json:"skipped"`
}

// record is one data row read into an employee, with the fields the row
// actually gave (an update leaves the others as they are).
type record struct {
	line         int
	e            store.Employee
	given        map[Field]bool
	employerBIN  string
	employerName string
}

// ImportFile reads a roster file and imports it into w (see Import).
func ImportFile(ctx context.Context, w *store.Workspace, path string, opts Options) (Result, error) {
	if opts.TmpDir == "" {
		opts.TmpDir = w.TempDir() // what excelize spills stays in the workspace
	}
	tables, err := ReadFile(path, opts.ReadOptions)
	if err != nil {
		return Result{}, err
	}
	return Import(ctx, w, tables, opts)
}

// Import takes the first table with a header row (the one chosen with
// opts.Sheet), reads every row and stores the good ones in one transaction:
// a crash or a cancel leaves none of them or all. Rows with problems are
// skipped and listed. An employee already in the workspace (same IIN, else
// same passport number) is updated with the non-empty cells of the row.
func Import(ctx context.Context, w *store.Workspace, tables []*Table, opts Options) (Result, error) {
	var t *Table
	var h Header
	for _, tb := range tables {
		if hh, ok := FindHeader(tb); ok {
			t, h = tb, hh
			break
		}
	}
	if t == nil {
		return Result{}, ErrNoHeader
	}
	res := Result{Sheet: t.Sheet, Encoding: t.Encoding, HeaderLines: h.Lines, Columns: map[string]string{}}
	if t.Delimiter != 0 {
		res.Delimiter = string(t.Delimiter)
	}
	for c, f := range h.Columns {
		if f != FieldKnown {
			res.Columns[f.String()] = h.Titles[c]
		}
	}
	records, skipped := parseRows(t, h, opts.Today)
	res.Rows = len(records) + len(skipped)
	total := res.Rows

	err := w.Update(ctx, func(tx *store.Tx) error {
		im := importer{tx: tx, today: opts.Today, employers: map[string]int64{}}
		if err := im.defaultEmployer(ctx, opts.EmployerBIN); err != nil {
			return err
		}
		seen := map[string]int{}
		for i, rec := range records {
			if err := ctx.Err(); err != nil {
				return err
			}
			if opts.Progress != nil {
				opts.Progress(len(skipped)+i+1, total)
			}
			for _, key := range []string{"iin:" + rec.e.IIN, "passport:" + rec.e.PassportNo} {
				if strings.HasSuffix(key, ":") {
					continue
				}
				if first, dup := seen[key]; dup {
					skipped = append(skipped, Skipped{Line: rec.line, Reasons: []Reason{{Key: "roster.duplicate", Args: []any{first}}}})
					goto next
				}
			}
			for _, key := range []string{"iin:" + rec.e.IIN, "passport:" + rec.e.PassportNo} {
				if !strings.HasSuffix(key, ":") {
					seen[key] = rec.line
				}
			}
			if reasons, added, err := im.store(ctx, rec); err != nil {
				return err
			} else if len(reasons) > 0 {
				skipped = append(skipped, Skipped{Line: rec.line, Reasons: reasons})
			} else if added {
				res.Added++
			} else {
				res.Updated++
			}
		next:
		}
		return tx.Log(ctx, "import", "roster", 0, fmt.Sprintf("%s: +%d ~%d, %d skipped", t.Sheet, res.Added, res.Updated, len(skipped)))
	})
	if err != nil {
		return Result{}, fmt.Errorf("import: %w", err)
	}
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].Line < skipped[j].Line })
	res.Skipped = skipped
	if res.Skipped == nil {
		res.Skipped = []Skipped{}
	}
	return res, nil
}

// parseRows reads the data rows under the header. Each row becomes a record
// or a Skipped entry with every reason found in it.
func parseRows(t *Table, h Header, today civil.Date) ([]record, []Skipped) {
	var out []record
	var bad []Skipped
	cols := make([]int, 0, len(h.Columns))
	for c := range h.Columns {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	for _, row := range t.Rows[h.first:] {
		if repeatsHeader(row.Cells, h) || isFooter(row.Cells) {
			continue // a header repeated on each printed page, a totals line
		}
		rec := record{line: row.Line, given: map[Field]bool{}}
		var reasons []Reason
		var surname, given, patronymic string
		date := func(c int, v string, dst *civil.Date) {
			d, ok := parseDate(v, t.Serials, t.Date1904)
			if !ok {
				// A period in one cell: the end for an expiry, the start otherwise.
				if first, last, isRange := parseDateRange(v, t.Serials, t.Date1904); isRange {
					switch h.Columns[c] {
					case FieldPassportExpiry, FieldContractEnd, FieldTRPExpiry:
						d = last
					default:
						d = first
					}
					*dst = d
					return
				}
				reasons = append(reasons, Reason{Column: h.Titles[c], Key: "roster.bad_date", Args: []any{strings.TrimSpace(v)}})
				return
			}
			*dst = d
		}
		for _, c := range cols {
			f := h.Columns[c]
			v := strings.TrimSpace(cell(row.Cells, c))
			if v == "" || f == FieldKnown {
				continue
			}
			rec.given[f] = true
			e := &rec.e
			switch f {
			case FieldName:
				if hasCyrillic(v) {
					e.NameCyr = v
				} else {
					e.NameLat = v
				}
			case FieldNameLat:
				e.NameLat = v
				if e.NameCyr == "" && hasCyrillic(v) {
					e.NameCyr, e.NameLat = v, ""
				}
			case FieldSurname:
				surname = v
			case FieldGiven:
				given = v
			case FieldPatronymic:
				patronymic = v
			case FieldBirthDate:
				date(c, v, &e.BirthDate)
			case FieldSex:
				if s, ok := parseSex(v); ok {
					e.Sex = s
				} else {
					reasons = append(reasons, Reason{Column: h.Titles[c], Key: "roster.bad_sex", Args: []any{v}})
				}
			case FieldCitizenship:
				if code, ok := parseCountry(v); ok {
					e.Citizenship = code
				} else {
					reasons = append(reasons, Reason{Column: h.Titles[c], Key: "roster.bad_country", Args: []any{v}})
				}
			case FieldIIN:
				e.IIN = normalizeDigits(v)
			case FieldPassportNo:
				e.PassportNo = v
			case FieldPassportIssued:
				var d civil.Date
				date(c, v, &d) // checked, not stored
			case FieldPassportExpiry:
				date(c, v, &e.PassportExpiry)
			case FieldContractNo:
				e.ContractNo = v
			case FieldContractStart:
				date(c, v, &e.ContractStart)
			case FieldContractEnd:
				date(c, v, &e.ContractEnd)
			case FieldESUTD:
				if yes, ok := parseYes(v, t.Serials, t.Date1904); ok {
					e.ContractESUTD = yes
				} else {
					reasons = append(reasons, Reason{Column: h.Titles[c], Key: "roster.bad_yes", Args: []any{v}})
				}
			case FieldTRPNo:
				e.TRPNo = v
			case FieldTRPIssued:
				date(c, v, &e.TRPIssued)
			case FieldTRPExpiry:
				date(c, v, &e.TRPExpiry)
			case FieldFingerprint:
				if yes, ok := parseYes(v, false, false); ok && !strings.ContainsAny(v, "./-") && !(t.Serials && isNumber(v)) {
					// "да"/"нет" instead of a date: the day is unknown.
					if yes {
						reasons = append(reasons, Reason{Column: h.Titles[c], Key: "roster.fingerprint_date_needed", Args: []any{v}})
					}
					delete(rec.given, f)
				} else {
					date(c, v, &e.FingerprintDate)
				}
			case FieldRKA:
				e.ResidenceRKA = normalizeDigits(v)
			case FieldOwners:
				e.HousingOwners = v
			case FieldEmployerBIN:
				rec.employerBIN = normalizeDigits(v)
			case FieldEmployerName:
				rec.employerName = v
			case FieldStatus:
				if s, ok := parseStatus(v); ok {
					e.Status = s
				} else {
					reasons = append(reasons, Reason{Column: h.Titles[c], Key: "roster.bad_status", Args: []any{v}})
				}
			}
		}
		if full := strings.Join(strings.Fields(surname+" "+given+" "+patronymic), " "); full != "" {
			if hasCyrillic(full) {
				if rec.e.NameCyr == "" {
					rec.e.NameCyr = full
				}
			} else if rec.e.NameLat == "" {
				rec.e.NameLat = full
			}
			rec.given[FieldName] = true
		}
		if rec.e.NameCyr != "" {
			rec.given[FieldName] = true
		}
		if rec.e.NameLat != "" {
			rec.given[FieldNameLat] = true
		}
		rec.e.PassportNo = strings.ToUpper(strings.Join(strings.Fields(rec.e.PassportNo), ""))
		if rec.e.NameCyr == "" && rec.e.NameLat == "" {
			reasons = append(reasons, Reason{Key: "roster.no_name"})
		}
		if rec.e.IIN == "" && rec.e.PassportNo == "" {
			reasons = append(reasons, Reason{Key: "roster.no_identity"})
		}
		if rec.employerBIN != "" && !store.ValidBIN(rec.employerBIN) {
			reasons = append(reasons, Reason{Column: titleOf(h, FieldEmployerBIN), Key: "roster.bad_bin", Args: []any{rec.employerBIN}})
		}
		if len(reasons) > 0 {
			bad = append(bad, Skipped{Line: row.Line, Reasons: reasons})
			continue
		}
		out = append(out, rec)
	}
	return out, bad
}

// isFooter: a totals line under the table («Итого: 25»), two cells at most.
func isFooter(cells []string) bool {
	var filled []string
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			filled = append(filled, fold(c))
		}
	}
	if len(filled) == 0 || len(filled) > 2 {
		return false
	}
	for _, w := range []string{"итого", "всего", "total", "барлығы", "жиыны"} {
		if strings.HasPrefix(filled[0], w) {
			return true
		}
	}
	return false
}

func titleOf(h Header, f Field) string {
	for c, g := range h.Columns {
		if g == f {
			return h.Titles[c]
		}
	}
	return ""
}

// repeatsHeader: the row is the header again (printed rosters repeat it).
func repeatsHeader(cells []string, h Header) bool {
	same := 0
	for c, title := range h.Titles {
		if strings.EqualFold(strings.TrimSpace(cell(cells, c)), title) {
			same++
		}
	}
	return same >= 2 && same*2 >= len(h.Titles)
}

type importer struct {
	tx        *store.Tx
	today     civil.Date
	employers map[string]int64 // "bin:…" or "name:…" → id
	fallback  int64
}

func (im *importer) defaultEmployer(ctx context.Context, bin string) error {
	if bin != "" {
		e, err := im.tx.EmployerByBIN(ctx, bin)
		if err != nil {
			return fmt.Errorf("employer %s: %w", bin, err)
		}
		im.fallback = e.ID
		return nil
	}
	all, err := im.tx.Employers(ctx)
	if err != nil {
		return err
	}
	for _, e := range all {
		if e.BIN != "" {
			im.employers["bin:"+e.BIN] = e.ID
		}
		im.employers["name:"+fold(e.Name)] = e.ID
	}
	if len(all) == 1 {
		im.fallback = all[0].ID
	}
	return nil
}

func (im *importer) employerFor(ctx context.Context, rec record) (int64, error) {
	if rec.employerBIN != "" {
		if id, ok := im.employers["bin:"+rec.employerBIN]; ok {
			return id, nil
		}
		e, err := im.tx.EmployerByBIN(ctx, rec.employerBIN)
		if errors.Is(err, store.ErrNotFound) {
			name := rec.employerName
			if name == "" {
				name = "БИН " + rec.employerBIN
			}
			e = store.Employer{Name: name, BIN: rec.employerBIN}
			err = im.tx.SaveEmployer(ctx, &e)
		}
		if err != nil {
			return 0, err
		}
		im.employers["bin:"+rec.employerBIN] = e.ID
		return e.ID, nil
	}
	if rec.employerName != "" {
		key := "name:" + fold(rec.employerName)
		if id, ok := im.employers[key]; ok {
			return id, nil
		}
		e := store.Employer{Name: rec.employerName}
		if err := im.tx.SaveEmployer(ctx, &e); err != nil {
			return 0, err
		}
		im.employers[key] = e.ID
		return e.ID, nil
	}
	return im.fallback, nil
}

// store validates a record merged over the existing employee and saves it.
// Reasons come back for a row that fails validation; err only for failures
// that must abort the whole import.
func (im *importer) store(ctx context.Context, rec record) (reasons []Reason, added bool, err error) {
	cur, found, err := im.tx.FindEmployee(ctx, rec.e.IIN, rec.e.PassportNo)
	if err != nil {
		return nil, false, err
	}
	e := rec.e
	if found {
		e = merge(cur, rec)
	}
	if probs := store.ValidateEmployee(&e, im.today); len(probs) > 0 {
		for _, p := range probs {
			reasons = append(reasons, Reason{Key: p.Key, Args: p.Args})
		}
		return reasons, false, nil
	}
	if rec.employerBIN != "" || rec.employerName != "" || e.EmployerID == 0 {
		id, err := im.employerFor(ctx, rec)
		if err != nil {
			return nil, false, err
		}
		e.EmployerID = id
	}
	if err := im.tx.SaveEmployee(ctx, &e, im.today); err != nil {
		return nil, false, err
	}
	return nil, !found, nil
}

// merge lays the fields the row gave over the stored employee.
func merge(cur store.Employee, rec record) store.Employee {
	e, g := cur, rec.given
	set := func(f Field, apply func()) {
		if g[f] {
			apply()
		}
	}
	n := rec.e
	set(FieldName, func() {
		if n.NameCyr != "" {
			e.NameCyr = n.NameCyr
		}
	})
	set(FieldNameLat, func() { e.NameLat = n.NameLat })
	set(FieldBirthDate, func() { e.BirthDate = n.BirthDate })
	set(FieldSex, func() { e.Sex = n.Sex })
	set(FieldCitizenship, func() { e.Citizenship = n.Citizenship })
	set(FieldIIN, func() { e.IIN = n.IIN })
	set(FieldPassportNo, func() { e.PassportNo = n.PassportNo })
	set(FieldPassportExpiry, func() { e.PassportExpiry = n.PassportExpiry })
	set(FieldContractNo, func() { e.ContractNo = n.ContractNo })
	set(FieldContractStart, func() { e.ContractStart = n.ContractStart })
	set(FieldContractEnd, func() { e.ContractEnd = n.ContractEnd })
	set(FieldESUTD, func() { e.ContractESUTD = n.ContractESUTD })
	set(FieldTRPNo, func() { e.TRPNo = n.TRPNo })
	set(FieldTRPIssued, func() { e.TRPIssued = n.TRPIssued })
	set(FieldTRPExpiry, func() { e.TRPExpiry = n.TRPExpiry })
	set(FieldFingerprint, func() { e.FingerprintDate = n.FingerprintDate })
	set(FieldRKA, func() { e.ResidenceRKA = n.ResidenceRKA })
	set(FieldOwners, func() { e.HousingOwners = n.HousingOwners })
	set(FieldStatus, func() { e.Status = n.Status })
	return e
}
