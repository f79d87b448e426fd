package schedule

import (
	"archive/zip"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"

	"dossier/app/atomicfile"
	"dossier/app/civil"
	"dossier/app/clocks"
	"dossier/app/failure"
	"dossier/app/i18n"
	"dossier/app/leftover"
)

// Column letters of the schedule sheet; the conditional formats refer to the
// date column by letter.
const (
	colDate    = "H"
	lastCol    = "M"
	numColumns = 13
)

// columnKeys are the catalogue keys of the schedule's column titles, in order.
var columnKeys = [numColumns]string{
	"schedule.col.no", "schedule.col.person", "schedule.col.employer", "schedule.col.bin",
	"schedule.col.citizenship", "schedule.col.item", "schedule.col.number", "schedule.col.date",
	"schedule.col.days_left", "schedule.col.start_by", "schedule.col.fingerprint",
	"schedule.col.case", "schedule.col.warnings",
}

var columnWidths = [numColumns]float64{6, 34, 28, 15, 9, 22, 16, 12, 9, 13, 13, 13, 60}

// Summary counts the rows by month.
type Summary struct {
	Rows    int                 `json:"rows"`
	Overdue int                 `json:"overdue"`
	Months  []MonthCount        `json:"months"`
	byMonth map[int]*MonthCount // year*12+month-1 → counts
}

// MonthCount is one line of the summary sheet.
type MonthCount struct {
	Month    civil.Date `json:"month"` // the first day of the month
	TRP      int        `json:"trp"`
	Passport int        `json:"passport"`
	Contract int        `json:"contract"`
	Events   int        `json:"events"`
	Overdue  int        `json:"overdue"`
}

// Total is all items of the month.
func (m MonthCount) Total() int { return m.TRP + m.Passport + m.Contract + m.Events }

func (s *Summary) add(r Row, today civil.Date) {
	if s.byMonth == nil {
		s.byMonth = map[int]*MonthCount{}
	}
	key := r.Date.Year()*12 + int(r.Date.Month()) - 1
	m := s.byMonth[key]
	if m == nil {
		m = &MonthCount{Month: civil.New(r.Date.Year(), r.Date.Month(), 1)}
		s.byMonth[key] = m
	}
	switch r.Item {
	case ItemTRP:
		m.TRP++
	case ItemPassport:
		m.Passport++
	case ItemContract:
		m.Contract++
	default:
		m.Events++
	}
	if r.Date.Before(today) {
		m.Overdue++
		s.Overdue++
	}
	s.Rows++
}

// WriteOptions add what the workbook needs beyond the rows.
type WriteOptions struct {
	Options
	Lang i18n.Lang
	// Progress is called every few hundred rows with the rows written so far.
	Progress func(rows int)
	// TmpDir is where excelize keeps the rows of a long schedule while the
	// workbook is written (its Options.TmpDir); "" is the system's
	// temporary folder. The CLI and the window pass the workspace's private
	// folder (store.Workspace.TempDir), so personal data stays out of the
	// system's temp folder.
	TmpDir string
	// Clocks are the legal clocks (app/clocks.Collect) to list on a sheet of
	// their own; none, no sheet.
	Clocks []clocks.Item
}

// Temporary workbook beside the output, renamed over it when complete; a
// killed run's one is removed by the next export into that folder.
const (
	tmpPrefix = ".schedule-"
	tmpSuffix = ".xlsx"
)

// WriteFile writes the schedule to an .xlsx file at path. A file already
// there is replaced only when it is an earlier schedule (IsSchedule);
// anything else is refused with *failure.NotOursError. The workbook is
// streamed (memory stays flat however many rows there are) into a temporary
// file beside path, then renamed over it: path is never half written.
func WriteFile(ctx context.Context, roster Roster, path string, opts WriteOptions) (Summary, error) {
	if st, err := os.Lstat(path); err == nil && (!st.Mode().IsRegular() || !IsSchedule(path)) {
		return Summary{}, &failure.NotOursError{Path: path}
	}
	pl, err := Load(ctx, roster, opts.Options)
	if err != nil {
		return Summary{}, fmt.Errorf("write schedule: %w", err)
	}
	leftover.Sweep(filepath.Dir(path), tmpPrefix, tmpSuffix)
	var sum Summary
	var written bool // the workbook is complete; what fails after is the file's
	err = atomicfile.Write(path, atomicfile.Options{Prefix: tmpPrefix, Suffix: tmpSuffix}, func(f *os.File) error {
		var err error
		sum, err = write(ctx, pl, f, opts)
		written = err == nil
		return err
	})
	if err != nil && written {
		return sum, fmt.Errorf("write schedule: %w", err)
	}
	return sum, err
}

type styles struct {
	header, text, date, number, wrap, month, total int
	red, amber, green                              int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	dmy := "dd.mm.yyyy"
	mmyyyy := "mm.yyyy"
	defs := []struct {
		dst   *int
		style *excelize.Style
	}{
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}},
		{&s.text, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.date, &excelize.Style{CustomNumFmt: &dmy, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&s.number, &excelize.Style{NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&s.wrap, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.month, &excelize.Style{CustomNumFmt: &mmyyyy, Alignment: &excelize.Alignment{Horizontal: "left"}}},
		{&s.total, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: []excelize.Border{{Type: "top", Color: "808080", Style: 1}}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(d.style)
		if err != nil {
			return s, err
		}
		*d.dst = id
	}
	// Excel's own "light red / yellow / green fill with dark text".
	conds := []struct {
		dst        *int
		fill, font string
	}{{&s.red, "FFC7CE", "9C0006"}, {&s.amber, "FFEB9C", "9C5700"}, {&s.green, "C6EFCE", "006100"}}
	for _, c := range conds {
		id, err := f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: c.font},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}}})
		if err != nil {
			return s, err
		}
		*c.dst = id
	}
	return s, nil
}

// write makes the workbook with excelize alone: the data sheet and the
// summary through its StreamWriter, everything around them (styles, widths,
// frozen header, filter, colours, print setup) through its File methods.
func write(ctx context.Context, pl *Plan, out io.Writer, opts WriteOptions) (Summary, error) {
	opts.normalise()
	p := i18n.Printer{Lang: opts.Lang}
	f := excelize.NewFile(excelize.Options{TmpDir: opts.TmpDir})
	defer f.Close()
	// The creator marks the file as Dossier's: the next export may replace
	// it (IsSchedule), a clerk's own workbook of the same name it may not.
	if err := f.SetDocProps(&excelize.DocProperties{Creator: Creator}); err != nil {
		return Summary{}, fmt.Errorf("write schedule: %w", err)
	}
	// excelize zips with the standard library's writer at the default
	// level, which took a quarter of a large export; the schedule's XML
	// compresses nearly as well at the fastest level in half the time.
	// excelize still decides and writes every part of the file.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		return zw
	})
	sheet := p.T("schedule.sheet.schedule")
	sumSheet := p.T("schedule.sheet.summary")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return Summary{}, fmt.Errorf("write schedule: %w", err)
	}
	if _, err := f.NewSheet(sumSheet); err != nil {
		return Summary{}, fmt.Errorf("write schedule: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return Summary{}, fmt.Errorf("write schedule: styles: %w", err)
	}
	// The days-left formulas depend on TODAY(): ask the program opening the
	// file to recalculate, so next week's reader sees next week's numbers.
	yes := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}); err != nil {
		return Summary{}, fmt.Errorf("write schedule: %w", err)
	}
	// The stream writer writes what the sheet holds before its rows when it
	// starts and the rest when it is flushed; the plan knows the row count,
	// so all of it is set first. The stream writer would otherwise leave the
	// dimension at "A1", and readers such as openpyxl's read-only mode then
	// see only the header.
	last := pl.Len() + 1
	if err := f.SetSheetDimension(sheet, fmt.Sprintf("A1:%s%d", lastCol, last)); err != nil {
		return Summary{}, fmt.Errorf("write schedule: %w", err)
	}
	if err := f.AutoFilter(sheet, fmt.Sprintf("A1:%s%d", lastCol, max(last, 2)), nil); err != nil {
		return Summary{}, fmt.Errorf("write schedule: filter: %w", err)
	}
	// After the filter: excelize's AutoFilter replaces the sheet properties
	// that hold fit-to-page.
	if err := pageSetup(f, sheet, p, opts); err != nil {
		return Summary{}, err
	}
	body := fmt.Sprintf("A2:%s%d", lastCol, max(last, 2))
	d := "$" + colDate + "2"
	if err := f.SetConditionalFormat(sheet, body, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s<TODAY())", d, d), Format: &st.red, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s-TODAY()<=30)", d, d), Format: &st.amber, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s-TODAY()>30)", d, d), Format: &st.green, StopIfTrue: true},
	}); err != nil {
		return Summary{}, fmt.Errorf("write schedule: colours: %w", err)
	}

	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return Summary{}, fmt.Errorf("write schedule: %w", err)
	}
	// Widths from the last column back: the stream writer lists columns in
	// the reverse of the order they were set, and readers expect them
	// ascending.
	for i := len(columnWidths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, columnWidths[i]); err != nil {
			return Summary{}, fmt.Errorf("write schedule: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return Summary{}, fmt.Errorf("write schedule: %w", err)
	}
	header := make([]any, numColumns)
	for i, k := range columnKeys {
		header[i] = excelize.Cell{StyleID: st.header, Value: p.T(k)}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return Summary{}, fmt.Errorf("write schedule: %w", err)
	}

	var sum Summary
	n := 1
	// One set of cells is reused for every row: SetRow copies what it
	// needs, and pointers spare an allocation per cell.
	var cell [numColumns]excelize.Cell
	styles := [numColumns]int{st.number, st.wrap, st.wrap, st.text, st.text, st.text, st.text,
		st.date, st.number, st.date, st.text, st.text, st.wrap}
	for i := range cell {
		cell[i].StyleID = styles[i]
	}
	cells := make([]any, numColumns)
	// set puts v in column i, or leaves the cell out when v is empty text.
	set := func(i int, v any) {
		if s, ok := v.(string); ok && s == "" {
			cells[i] = nil
			return
		}
		cell[i].Value = v
		cells[i] = &cell[i]
	}
	yesText := p.T("schedule.yes")
	// Texts that repeat on many rows are looked up once.
	itemText := map[Item]string{}
	caseText := map[string]string{}
	err = pl.Each(ctx, func(r Row) error {
		n++
		sum.add(r, opts.Today)
		person := r.Person
		if r.Principal != "" {
			person = p.T("schedule.family_of", r.Person, p.T("schedule.relation."+relationKey(r.Relation)), r.Principal)
		}
		fingerprint, caseState := "", ""
		if r.Fingerprint {
			fingerprint = yesText
		}
		if r.CaseState != "" {
			if caseState = caseText[r.CaseState]; caseState == "" {
				caseState = p.T("schedule.case." + r.CaseState)
				caseText[r.CaseState] = caseState
			}
		}
		item := itemText[r.Item]
		if item == "" {
			item = p.T("schedule.item." + string(r.Item))
			itemText[r.Item] = item
		}
		row := strconv.Itoa(n)
		set(0, n-1)
		set(1, person)
		set(2, r.Employer)
		set(3, r.EmployerBIN)
		set(4, r.Citizenship)
		set(5, item)
		set(6, r.Number)
		// Dates as Excel day numbers under the dd.mm.yyyy style: real date
		// cells, without excelize's time conversion per cell.
		set(7, serial(r.Date))
		set(8, r.DaysLeft)
		cell[8].Formula = colDate + row + "-TODAY()"
		if r.StartBy.IsZero() {
			cells[9] = nil
		} else {
			set(9, serial(r.StartBy))
		}
		set(10, fingerprint)
		set(11, caseState)
		set(12, r.WarningsText(opts.Lang))
		if err := sw.SetRow("A"+row, cells); err != nil {
			return err
		}
		if opts.Progress != nil && n%500 == 0 {
			opts.Progress(n - 1)
		}
		return nil
	})
	if err != nil {
		return sum, fmt.Errorf("write schedule: %w", err)
	}
	if opts.Progress != nil {
		opts.Progress(n - 1)
	}
	if err := sw.Flush(); err != nil {
		return sum, fmt.Errorf("write schedule: %w", err)
	}
	if err := writeSummary(f, sumSheet, &sum, st, p, opts); err != nil {
		return sum, err
	}
	if len(opts.Clocks) > 0 {
		if err := writeClocks(f, opts.Clocks, st, p, opts.Lang); err != nil {
			return sum, err
		}
	}
	if _, err := f.WriteTo(out); err != nil {
		return sum, fmt.Errorf("write schedule: %w", err)
	}
	return sum, nil
}

// excelEpoch is day 0 of Excel's 1900 date system as it counts after
// February 1900 (the format's phantom 29 February 1900 makes it 30 December).
var excelEpoch = civil.New(1899, 12, 30)

// serial is the Excel day number of d: with a date number format, a real
// date cell.
func serial(d civil.Date) int { return excelEpoch.DaysUntil(d) }

func relationKey(r string) string {
	switch r {
	case "spouse", "child", "parent":
		return r
	}
	return "other"
}

func pageSetup(f *excelize.File, sheet string, p i18n.Printer, opts WriteOptions) error {
	landscape, a4, one, zero := "landscape", 9, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return fmt.Errorf("write schedule: page: %w", err)
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("write schedule: page: %w", err)
	}
	margin := 0.4
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin}); err != nil {
		return fmt.Errorf("write schedule: page: %w", err)
	}
	title := p.T("schedule.print_title", opts.From.DMY(), opts.To.DMY())
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + escapeHF(title) + "&R" + escapeHF(opts.Today.DMY()),
		OddFooter: "&C&P / &N",
	}); err != nil {
		return fmt.Errorf("write schedule: page: %w", err)
	}
	// Repeat the header row on every printed page.
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet,
	}); err != nil {
		return fmt.Errorf("write schedule: page: %w", err)
	}
	return nil
}

// escapeHF doubles "&", which starts a code in Excel headers and footers.
func escapeHF(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '&' {
			out = append(out, '&')
		}
		out = append(out, r)
	}
	return string(out)
}

func writeSummary(f *excelize.File, sheet string, sum *Summary, st styles, p i18n.Printer, opts WriteOptions) error {
	keys := make([]int, 0, len(sum.byMonth))
	for k := range sum.byMonth {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	sum.Months = make([]MonthCount, 0, len(keys))
	for _, k := range keys {
		sum.Months = append(sum.Months, *sum.byMonth[k])
	}
	// The stream writer leaves the sheet's dimension at "A1" (readers such
	// as openpyxl's read-only mode then see only the header): state it.
	if err := f.SetSheetDimension(sheet, fmt.Sprintf("A1:H%d", len(sum.Months)+2)); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	// Widths from the last column back: the stream writer lists columns in
	// the reverse of the order they were set, and readers expect them
	// ascending.
	widths := []float64{11, 18, 10, 10, 10, 10, 12, 10}
	for i := len(widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return fmt.Errorf("write summary: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	titles := []string{"schedule.sum.month", "schedule.sum.month_name", "schedule.item.trp", "schedule.item.passport",
		"schedule.item.contract", "schedule.sum.events", "schedule.sum.total", "schedule.sum.overdue"}
	header := make([]any, len(titles))
	for i, k := range titles {
		header[i] = excelize.Cell{StyleID: st.header, Value: p.T(k)}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	for i, m := range sum.Months {
		r := i + 2
		if err := sw.SetRow(fmt.Sprintf("A%d", r), []any{
			excelize.Cell{StyleID: st.month, Value: serial(m.Month)},
			p.T(fmt.Sprintf("schedule.month.%d", int(m.Month.Month()))) + " " + fmt.Sprint(m.Month.Year()),
			m.TRP, m.Passport, m.Contract, m.Events,
			excelize.Cell{Formula: fmt.Sprintf("SUM(C%d:F%d)", r, r), Value: m.Total()},
			m.Overdue,
		}); err != nil {
			return fmt.Errorf("write summary: %w", err)
		}
	}
	end := len(sum.Months) + 1
	tr := end + 1
	total := []any{excelize.Cell{StyleID: st.total, Value: p.T("schedule.sum.all")}, excelize.Cell{StyleID: st.total}}
	totals := []int{0, 0, 0, 0, 0, 0}
	for _, m := range sum.Months {
		totals[0] += m.TRP
		totals[1] += m.Passport
		totals[2] += m.Contract
		totals[3] += m.Events
		totals[4] += m.Total()
		totals[5] += m.Overdue
	}
	for i, col := range []string{"C", "D", "E", "F", "G", "H"} {
		total = append(total, excelize.Cell{StyleID: st.total, Formula: fmt.Sprintf("SUM(%s2:%s%d)", col, col, max(end, 2)), Value: totals[i]})
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", tr), total); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	return nil
}
