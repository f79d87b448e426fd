package roster

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"dossier/app/civil"
	"dossier/app/cleantext"
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
	// DryRun works out the whole report and writes nothing: the window's
	// import preview shows it before the clerk decides.
	DryRun bool
	// Partial writes the good rows even when some lines of the file could
	// not be read (Result.Unaccounted). Without it such an import writes
	// nothing: a clerk who imports 5,000 lines must not end up with 3
	// employees and a line of small print.
	Partial bool
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

// Result is the report of an import: every line of the file that held
// something is in exactly one place here. It is the same for a dry run (the
// window's preview) and for the import itself; Written says whether the
// workspace was changed.
//
//   - AddedLines and Changed: rows taken, with the line and the name (and for
//     a change, the fields it changes); Added and Updated count them.
//   - Skipped: rows read but refused, with every reason, by column.
//   - Unaccounted: lines the reader could not split into cells (a quote
//     never closed), with the line where it went wrong. With any of these
//     nothing is written unless Options.Partial is set.
//   - Ignored: rows with nothing in the roster's columns, in one summary.
//
// The header and the lines above it, blank lines, repeated headers and a
// totals line are the rest of the file.
type Result struct {
	Sheet       string            `json:"sheet,omitempty"`
	Encoding    string            `json:"encoding,omitempty"`
	Delimiter   string            `json:"delimiter,omitempty"`
	HeaderLines []int             `json:"header_lines"`
	Columns     map[string]string `json:"columns"` // field id → header title
	Rows        int               `json:"rows"`    // data rows read (empty rows not counted)
	Added       int               `json:"added"`
	Updated     int               `json:"updated"`
	AddedLines  []Line            `json:"added_lines"`
	Changed     []Line            `json:"changed"`
	Skipped     []Skipped         `json:"skipped"`
	Unaccounted []Unaccounted     `json:"unaccounted"`
	Ignored     Ignored           `json:"ignored"`
	// Written is true when the rows were stored; false for a dry run and
	// for an import refused because of unaccounted lines.
	Written bool `json:"written"`
}

// Complete reports whether every line was accounted for: no line unread.
func (r Result) Complete() bool { return len(r.Unaccounted) == 0 }

// Line is one row an import takes: where it is, who it is, and for a change
// of a known employee the fields (ids as in Result.Columns) that change.
type Line struct {
	Line   int      `json:"line"`
	Name   string   `json:"name"`
	Fields []string `json:"fields,omitempty"`
}

// errRollback ends the transaction of a dry run without writing.
var errRollback = errors.New("import not written")

// record is one data row read into an employee, with the fields the row
// actually gave (an update leaves the others as they are).
type record struct {
	line         int
	e            store.Employee
	given        fieldSet
	employerBIN  string
	employerName string
	// clocks are the clock dates the row gave (see the Field*
	// clock columns), eds the employer's EDS keys' expiry.
	clocks store.ClockDates
	eds    civil.Date
}

// fieldSet is the set of fields a row gave.
type fieldSet uint64

func (s *fieldSet) add(f Field)     { *s |= 1 << f }
func (s *fieldSet) del(f Field)     { *s &^= 1 << f }
func (s fieldSet) has(f Field) bool { return s&(1<<f) != 0 }

// A fieldSet holds every field: this fails to compile when they outgrow it.
var _ = [64 - int(fieldCount)]struct{}{}

// ImportFile reads a roster file and imports it into w (see Import).
func ImportFile(ctx context.Context, w *store.Workspace, path string, opts Options) (Result, error) {
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
	res := Result{Sheet: t.Sheet, Encoding: t.Encoding, HeaderLines: h.Lines, Columns: map[string]string{},
		Unaccounted: append([]Unaccounted{}, t.Unaccounted...), Ignored: t.Ignored,
		AddedLines: []Line{}, Changed: []Line{}}
	if t.Delimiter != 0 {
		res.Delimiter = string(t.Delimiter)
	}
	for c, f := range h.Columns {
		if f != FieldKnown {
			res.Columns[f.String()] = h.Titles[c]
		}
	}
	// Rows are parsed one at a time inside the transaction, so an import
	// holds the table and the report, not a parsed copy of every row.
	data := t.Rows[h.first:]
	cols := sortedColumns(h)
	var skipped []Skipped
	total := len(data)

	err := w.Update(ctx, func(tx *store.Tx) error {
		im := importer{tx: tx, today: opts.Today, employers: map[string]int64{}, eds: map[int64]edsSeen{}}
		if err := im.defaultEmployer(ctx, opts.EmployerBIN); err != nil {
			return err
		}
		var err error
		if im.index, err = tx.EmployeeIndex(ctx); err != nil {
			return err
		}
		seen := map[string]int{}
		for i, row := range data {
			if err := ctx.Err(); err != nil {
				return err
			}
			if opts.Progress != nil {
				opts.Progress(i+1, total)
			}
			rec, bad, ok := parseRow(t, h, cols, row, opts.Today)
			if !ok {
				continue
			}
			res.Rows++
			if bad != nil {
				skipped = append(skipped, *bad)
				continue
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
			if reasons, line, added, err := im.store(ctx, rec); err != nil {
				return err
			} else if len(reasons) > 0 {
				skipped = append(skipped, Skipped{Line: rec.line, Reasons: reasons})
			} else if added {
				res.Added++
				res.AddedLines = append(res.AddedLines, line)
			} else {
				res.Updated++
				res.Changed = append(res.Changed, line)
			}
		next:
		}
		if opts.DryRun || (!opts.Partial && len(res.Unaccounted) > 0) {
			return errRollback
		}
		return tx.Log(ctx, "import", "roster", 0, fmt.Sprintf("%s: +%d ~%d, %d skipped", t.Sheet, res.Added, res.Updated, len(skipped)))
	})
	switch {
	case errors.Is(err, errRollback):
	case err != nil:
		return Result{}, fmt.Errorf("import: %w", err)
	default:
		res.Written = true
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
	cols := sortedColumns(h)
	for _, row := range t.Rows[h.first:] {
		rec, skip, ok := parseRow(t, h, cols, row, today)
		switch {
		case !ok:
		case skip != nil:
			bad = append(bad, *skip)
		default:
			out = append(out, rec)
		}
	}
	return out, bad
}

func sortedColumns(h Header) []int {
	cols := make([]int, 0, len(h.Columns))
	for c := range h.Columns {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	return cols
}

// parseRow reads one data row into a record, or a Skipped entry with every
// reason found in it; ok is false for a row that is no data (a header
// repeated on each printed page, a totals line).
func parseRow(t *Table, h Header, cols []int, row Row, today civil.Date) (rec record, skip *Skipped, ok bool) {
	if repeatsHeader(row.Cells, h) || isFooter(row.Cells) {
		return rec, nil, false
	}
	p := &rowParser{t: t, h: h, rec: record{line: row.Line}}
	for _, c := range cols {
		p.cell(c, cell(row.Cells, c))
	}
	p.joinName()
	p.checkRecord()
	if len(p.reasons) > 0 {
		return p.rec, &Skipped{Line: row.Line, Reasons: p.reasons}, true
	}
	return p.rec, nil, true
}

// rowParser reads the cells of one data row into rec, collecting every
// problem in reasons rather than stopping at the first.
type rowParser struct {
	t       *Table
	h       Header
	rec     record
	reasons []Reason
	// The parts of a name given in columns of their own.
	surname, given, patronymic string
}

// bad records a problem with column c's value.
func (p *rowParser) bad(c int, key string, args ...any) {
	p.reasons = append(p.reasons, Reason{Column: p.h.Titles[c], Key: key, Args: args})
}

// cell reads the value v of column c.
func (p *rowParser) cell(c int, v string) {
	f := p.h.Columns[c]
	v = strings.TrimSpace(v)
	if v == "" || f == FieldKnown {
		return
	}
	// A line break in a cell (Alt+Enter) becomes a space; a control
	// character or a text-direction override refuses the row.
	clean, bad := cleantext.Clean(v)
	if bad >= 0 {
		p.bad(c, "roster.control_char", cleantext.Code(bad))
		return
	}
	v = strings.TrimSpace(clean)
	if v == "" {
		return
	}
	p.rec.given.add(f)
	if to, ok := dateFields[f]; ok {
		p.date(c, v, to(&p.rec.e))
		return
	}
	switch f {
	case FieldName, FieldNameLat, FieldSurname, FieldGiven, FieldPatronymic:
		p.name(f, v)
	case FieldSex, FieldCitizenship, FieldESUTD, FieldStatus:
		p.coded(c, f, v)
	case FieldFingerprint:
		p.fingerprint(c, f, v)
	default:
		p.text(c, f, v)
	}
}

// dateFields are the columns read as dates, each with where its date goes.
var dateFields = map[Field]func(e *store.Employee) *civil.Date{
	FieldBirthDate:      func(e *store.Employee) *civil.Date { return &e.BirthDate },
	FieldPassportExpiry: func(e *store.Employee) *civil.Date { return &e.PassportExpiry },
	FieldContractEnd:    func(e *store.Employee) *civil.Date { return &e.ContractEnd },
	FieldTRPIssued:      func(e *store.Employee) *civil.Date { return &e.TRPIssued },
	FieldTRPExpiry:      func(e *store.Employee) *civil.Date { return &e.TRPExpiry },
}

// date reads column c's date into dst. A period in one cell gives its end
// for an expiry, its start otherwise.
func (p *rowParser) date(c int, v string, dst *civil.Date) {
	t := p.t
	if d, ok := parseDate(v, t.Serials, t.Date1904); ok {
		*dst = d
		return
	}
	first, last, isRange := parseDateRange(v, t.Serials, t.Date1904)
	if !isRange {
		p.bad(c, "roster.bad_date", strings.TrimSpace(v))
		return
	}
	switch p.h.Columns[c] {
	case FieldPassportExpiry, FieldContractEnd, FieldTRPExpiry:
		*dst = last
	default:
		*dst = first
	}
}

// name reads a whole name (Cyrillic or Latin, whatever the column says) or
// one part of it.
func (p *rowParser) name(f Field, v string) {
	e := &p.rec.e
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
		p.surname = v
	case FieldGiven:
		p.given = v
	case FieldPatronymic:
		p.patronymic = v
	}
}

// coded reads a value from a fixed set (sex, country, yes/no, status).
func (p *rowParser) coded(c int, f Field, v string) {
	e := &p.rec.e
	switch f {
	case FieldSex:
		if s, ok := parseSex(v); ok {
			e.Sex = s
		} else {
			p.bad(c, "roster.bad_sex", v)
		}
	case FieldCitizenship:
		if code, ok := parseCountry(v); ok {
			e.Citizenship = code
		} else {
			p.bad(c, "roster.bad_country", v)
		}
	case FieldESUTD:
		if yes, ok := parseYes(v, p.t.Serials, p.t.Date1904); ok {
			e.ContractESUTD = yes
		} else {
			p.bad(c, "roster.bad_yes", v)
		}
	case FieldStatus:
		if s, ok := parseStatus(v); ok {
			e.Status = s
		} else {
			p.bad(c, "roster.bad_status", v)
		}
	}
}

// fingerprint reads the fingerprinting date; "да"/"нет" instead of a date
// leaves the day unknown (and "да" asks for it).
func (p *rowParser) fingerprint(c int, f Field, v string) {
	if yes, ok := parseYes(v, false, false); ok && !strings.ContainsAny(v, "./-") && !(p.t.Serials && isNumber(v)) {
		if yes {
			p.bad(c, "roster.fingerprint_date_needed", v)
		}
		p.rec.given.del(f)
		return
	}
	p.date(c, v, &p.rec.e.FingerprintDate)
}

// text reads a value kept as written (numbers without their spacing).
// Other columns (the clock dates among them) go to parseMoreCell.
func (p *rowParser) text(c int, f Field, v string) {
	e := &p.rec.e
	switch f {
	case FieldIIN:
		e.IIN = normalizeDigits(v)
	case FieldPassportNo:
		e.PassportNo = v
	case FieldContractNo:
		e.ContractNo = v
	case FieldTRPNo:
		e.TRPNo = v
	case FieldRKA, FieldOwners, FieldAddress:
		setHousing(e, f, v)
	case FieldEmployerBIN:
		p.rec.employerBIN = normalizeDigits(v)
	case FieldEmployerName:
		p.rec.employerName = v
	default:
		p.reasons = append(p.reasons, parseMoreCell(&p.rec, p.h, c, v, func(dst *civil.Date) { p.date(c, v, dst) })...)
	}
}

// joinName makes the name from its parts when the roster splits it, unless
// a whole name in that script was given too.
func (p *rowParser) joinName() {
	rec := &p.rec
	if full := strings.Join(strings.Fields(p.surname+" "+p.given+" "+p.patronymic), " "); full != "" {
		if hasCyrillic(full) {
			if rec.e.NameCyr == "" {
				rec.e.NameCyr = full
			}
		} else if rec.e.NameLat == "" {
			rec.e.NameLat = full
		}
		rec.given.add(FieldName)
	}
	if rec.e.NameCyr != "" {
		rec.given.add(FieldName)
	}
	if rec.e.NameLat != "" {
		rec.given.add(FieldNameLat)
	}
}

// checkRecord refuses a row with no name, nothing that identifies the
// person, or a company number that cannot be one.
func (p *rowParser) checkRecord() {
	rec := &p.rec
	rec.e.PassportNo = strings.ToUpper(strings.Join(strings.Fields(rec.e.PassportNo), ""))
	if rec.e.NameCyr == "" && rec.e.NameLat == "" {
		p.reasons = append(p.reasons, Reason{Key: "roster.no_name"})
	}
	if rec.e.IIN == "" && rec.e.PassportNo == "" {
		p.reasons = append(p.reasons, Reason{Key: "roster.no_identity"})
	}
	if rec.employerBIN != "" && !store.ValidBIN(rec.employerBIN) {
		p.reasons = append(p.reasons, Reason{Column: titleOf(p.h, FieldEmployerBIN), Key: "roster.bad_bin", Args: []any{rec.employerBIN}})
	}
}

// parseMoreCell reads a cell of the columns parseRow leaves to it (the
// dates legal clocks run from among them) into rec; a value that cannot be
// read gives its reason. date parses into dst and reports a bad date itself.
func parseMoreCell(rec *record, h Header, c int, v string, date func(dst *civil.Date)) []Reason {
	switch h.Columns[c] {
	case FieldPassportIssued:
		var d civil.Date
		date(&d) // checked, not stored
	case FieldContractStart:
		date(&rec.e.ContractStart)
	case FieldEntryDate:
		date(&rec.clocks.EntryDate)
	case FieldEntryBasis:
		b, known := parseEntryBasis(v)
		if !known {
			return []Reason{{Column: h.Titles[c], Key: "roster.bad_entry_basis", Args: []any{v}}}
		}
		rec.clocks.EntryBasis = b
	case FieldArrivalRegistered:
		date(&rec.clocks.ArrivalRegistered)
	case FieldAddressChanged:
		date(&rec.clocks.AddressChanged)
	case FieldContractSigned:
		date(&rec.clocks.ContractSigned)
		// "Дата подписания договора" filled the contract's start before
		// the signing date had a column of its own: without a start
		// column it still does.
		if !h.Has(FieldContractStart) {
			rec.e.ContractStart = rec.clocks.ContractSigned
			rec.given.add(FieldContractStart)
		}
	case FieldWorkPermitExpiry:
		date(&rec.clocks.WorkPermitExpiry)
	case FieldEmployerChanged:
		date(&rec.e.EmployerChanged)
	case FieldEDSExpiry:
		date(&rec.eds)
	}
	return nil
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
	index     *store.EmployeeIndex // who is already known, loaded once
	today     civil.Date
	employers map[string]int64 // "bin:…" or "name:…" → id
	fallback  int64
	eds       map[int64]edsSeen // the EDS expiry each employer was given, and where
}

// edsSeen is the EDS expiry a row gave an employer.
type edsSeen struct {
	date civil.Date
	line int
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

// store validates a record merged over the existing employee and saves it,
// with the clock dates and the employer's EDS expiry the row gives.
// Reasons come back for a row that fails validation; err only for failures
// that must abort the whole import.
func (im *importer) store(ctx context.Context, rec record) (reasons []Reason, line Line, added bool, err error) {
	cur, found, err := im.index.Find(ctx, rec.e.IIN, rec.e.PassportNo)
	if err != nil {
		return nil, line, false, err
	}
	e := rec.e
	if found {
		e = merge(cur, rec)
	}
	if probs := store.ValidateEmployee(&e, im.today); len(probs) > 0 {
		for _, p := range probs {
			reasons = append(reasons, Reason{Key: p.Key, Args: p.Args})
		}
		return reasons, line, false, nil
	}
	if rec.employerBIN != "" || rec.employerName != "" || e.EmployerID == 0 {
		id, err := im.employerFor(ctx, rec)
		if err != nil {
			return nil, line, false, err
		}
		e.EmployerID = id
	}
	if r, ok := im.checkEDS(rec, e.EmployerID); !ok {
		return []Reason{r}, line, false, nil
	}
	line = Line{Line: rec.line, Name: e.Name()}
	if found {
		line.Fields = changedFields(cur, e)
	}
	if err := im.tx.SaveEmployee(ctx, &e, im.today); err != nil {
		return nil, line, false, err
	}
	if !found {
		cur = store.Employee{}
	}
	im.index.Saved(cur, e)
	changed, err := im.storeClocks(ctx, e.ID, e.EmployerID, rec)
	if err != nil {
		return nil, line, false, err
	}
	if found {
		line.Fields = append(line.Fields, changed...)
	}
	return nil, line, !found, nil
}

// checkEDS refuses a row whose EDS expiry has no employer to go to, or
// differs from the one an earlier row gave the same employer: one company
// has one set of keys, and the clerk must say which date is right.
func (im *importer) checkEDS(rec record, employerID int64) (Reason, bool) {
	if !rec.given.has(FieldEDSExpiry) {
		return Reason{}, true
	}
	if employerID == 0 {
		return Reason{Key: "roster.eds_no_employer", Args: []any{rec.eds.DMY()}}, false
	}
	if prev, ok := im.eds[employerID]; ok && !prev.date.Equal(rec.eds) {
		return Reason{Key: "roster.eds_conflict", Args: []any{rec.eds.DMY(), prev.date.DMY(), prev.line}}, false
	}
	if _, ok := im.eds[employerID]; !ok {
		im.eds[employerID] = edsSeen{date: rec.eds, line: rec.line}
	}
	return Reason{}, true
}

// storeClocks lays the clock dates the row gave over the employee's stored
// ones and the EDS expiry over the employer's, and saves what changed; it
// returns the names of the fields that changed.
func (im *importer) storeClocks(ctx context.Context, employeeID, employerID int64, rec record) ([]string, error) {
	var changed []string
	g := rec.given
	if g.has(FieldEntryDate) || g.has(FieldEntryBasis) || g.has(FieldArrivalRegistered) ||
		g.has(FieldAddressChanged) || g.has(FieldContractSigned) || g.has(FieldWorkPermitExpiry) {
		cur, err := im.tx.ClockDatesOf(ctx, employeeID)
		if err != nil {
			return nil, err
		}
		d := cur
		n := rec.clocks
		for _, c := range []struct {
			f        Field
			dst, src *civil.Date
		}{
			{FieldEntryDate, &d.EntryDate, &n.EntryDate},
			{FieldArrivalRegistered, &d.ArrivalRegistered, &n.ArrivalRegistered},
			{FieldAddressChanged, &d.AddressChanged, &n.AddressChanged},
			{FieldContractSigned, &d.ContractSigned, &n.ContractSigned},
			{FieldWorkPermitExpiry, &d.WorkPermitExpiry, &n.WorkPermitExpiry},
		} {
			if g.has(c.f) && !c.dst.Equal(*c.src) {
				*c.dst = *c.src
				changed = append(changed, c.f.String())
			}
		}
		if g.has(FieldEntryBasis) && d.EntryBasis != n.EntryBasis {
			d.EntryBasis = n.EntryBasis
			changed = append(changed, FieldEntryBasis.String())
		}
		if len(changed) > 0 {
			if err := im.tx.SaveClockDates(ctx, d); err != nil {
				return nil, err
			}
		}
	}
	if g.has(FieldEDSExpiry) {
		er, err := im.tx.Employer(ctx, employerID)
		if err != nil {
			return nil, err
		}
		if !er.EDSExpiry.Equal(rec.eds) {
			er.EDSExpiry = rec.eds
			if err := im.tx.SaveEmployer(ctx, &er); err != nil {
				return nil, err
			}
			changed = append(changed, FieldEDSExpiry.String())
		}
	}
	return changed, nil
}

// changedFields lists the fields (by their JSON names) that differ.
func changedFields(a, b store.Employee) []string {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	var out []string
	for i := 0; i < va.NumField(); i++ {
		f := va.Type().Field(i)
		if f.Name == "ID" || reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		out = append(out, name)
	}
	return out
}

// setHousing stores a column about where the employee lives.
func setHousing(e *store.Employee, f Field, v string) {
	switch f {
	case FieldRKA:
		e.ResidenceRKA = normalizeDigits(v)
	case FieldOwners:
		e.HousingOwners = v
	case FieldAddress:
		e.ResidenceAddress = v
	}
}

// merge lays the fields the row gave over the stored employee.
func merge(cur store.Employee, rec record) store.Employee {
	e, g := cur, rec.given
	set := func(f Field, apply func()) {
		if g.has(f) {
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
	set(FieldAddress, func() { e.ResidenceAddress = n.ResidenceAddress })
	set(FieldStatus, func() { e.Status = n.Status })
	set(FieldEmployerChanged, func() { e.EmployerChanged = n.EmployerChanged })
	return e
}
