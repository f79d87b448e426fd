package schedule

import (
	"archive/zip"
	"bytes"
	"io"

	"dossier/app/i18n"
)

// Creator is the workbook's creator property (docProps/core.xml).
const Creator = "Dossier"

// IsSchedule reports whether the file at path is a schedule Dossier wrote,
// which a new export may replace: its creator is Dossier, or (files written
// before the creator was set) excelize made it and it has the schedule's
// sheet in one of Dossier's languages. Anything else is someone's own
// workbook and is not overwritten.
func IsSchedule(path string) bool {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer zr.Close()
	part := func(name string) []byte {
		for _, f := range zr.File {
			if f.Name != name {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return nil
			}
			defer rc.Close()
			data, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
			return data
		}
		return nil
	}
	if bytes.Contains(part("docProps/core.xml"), []byte("<dc:creator>"+Creator+"</dc:creator>")) {
		return true
	}
	if !bytes.Contains(part("docProps/app.xml"), []byte("<Application>Go Excelize</Application>")) {
		return false
	}
	wb := part("xl/workbook.xml")
	for _, lang := range i18n.Langs {
		if bytes.Contains(wb, []byte(`name="`+i18n.T(lang, "schedule.sheet.schedule")+`"`)) {
			return true
		}
	}
	return false
}
