package schedule

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"dossier/app/clocks"
	"dossier/app/i18n"
	"dossier/app/rules"
)

// clockColumns are the legal-clocks sheet's columns.
var clockColumns = []struct {
	key   string
	width float64
}{
	{"schedule.clocks.col.company", 28}, {"schedule.col.bin", 14}, {"schedule.col.person", 28},
	{"schedule.clocks.col.due", 12}, {"schedule.col.days_left", 9}, {"schedule.clocks.col.severity", 16},
	{"schedule.clocks.col.what", 40}, {"schedule.clocks.col.note", 60}, {"schedule.clocks.col.source", 30},
	{"schedule.clocks.col.confidence", 14}, {"schedule.col.warnings", 40},
}

// writeClocks adds the sheet of every legal clock (app/clocks) in items,
// as the Due view lists them: one row each, with its source and confidence.
func writeClocks(f *excelize.File, items []clocks.Item, st styles, p i18n.Printer, lang i18n.Lang) error {
	sheet := p.T("schedule.sheet.clocks")
	if _, err := f.NewSheet(sheet); err != nil {
		return fmt.Errorf("write schedule: clocks: %w", err)
	}
	last := len(items) + 1
	if err := f.SetSheetDimension(sheet, fmt.Sprintf("A1:K%d", last)); err != nil {
		return fmt.Errorf("write schedule: clocks: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("write schedule: clocks: %w", err)
	}
	for i := len(clockColumns) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, clockColumns[i].width); err != nil {
			return fmt.Errorf("write schedule: clocks: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return fmt.Errorf("write schedule: clocks: %w", err)
	}
	header := make([]any, len(clockColumns))
	for i, c := range clockColumns {
		header[i] = excelize.Cell{StyleID: st.header, Value: p.T(c.key)}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return fmt.Errorf("write schedule: clocks: %w", err)
	}
	for i, it := range items {
		row := strconv.Itoa(i + 2)
		who := it.Person
		if who == "" {
			who = p.T("schedule.clocks.company_itself")
		}
		source := rules.SourceLabel(it.Source, it.SourceTitle, it.SourceDate) // not the rules' ID
		cells := []any{
			excelize.Cell{StyleID: st.wrap, Value: it.CompanyName},
			excelize.Cell{StyleID: st.text, Value: it.CompanyBIN},
			excelize.Cell{StyleID: st.wrap, Value: who},
			excelize.Cell{StyleID: st.date, Value: serial(it.Due)},
			excelize.Cell{StyleID: st.number, Value: it.DaysLeft, Formula: "D" + row + "-TODAY()"},
			excelize.Cell{StyleID: st.text, Value: clocks.SeverityName(it.Severity, lang)},
			excelize.Cell{StyleID: st.wrap, Value: it.Title},
			excelize.Cell{StyleID: st.wrap, Value: it.Note},
			excelize.Cell{StyleID: st.wrap, Value: source},
			excelize.Cell{StyleID: st.text, Value: string(it.Confidence)},
			excelize.Cell{StyleID: st.wrap, Value: strings.Join(it.Remarks, "; ")},
		}
		if err := sw.SetRow("A"+row, cells); err != nil {
			return fmt.Errorf("write schedule: clocks: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write schedule: clocks: %w", err)
	}
	return nil
}
