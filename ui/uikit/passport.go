package uikit

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"dossier/app/mrz"
	"dossier/app/mrzcheck"
)

// PassportCheck fills into with what a passport scan's machine-readable
// zone says against the typed data (issue 20): a title naming the file, the
// zone's crop with the disagreeing fields tinted (when there is a
// disagreement to show), and one line per finding, or a line saying the
// data agree. The employee form and the case's passport item both show it.
func (k Kit) PassportCheck(into *fyne.Container, name string, fs []mrzcheck.Finding, crop image.Image) {
	into.RemoveAll()
	title := widget.NewLabelWithStyle(k.P.T("ui.mrz.check_title", name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	into.Add(title)
	if crop != nil && len(fs) > 0 && mrzcheck.Worst(fs) != mrz.SevInfo {
		img := canvas.NewImageFromImage(crop)
		img.FillMode = canvas.ImageFillContain
		b := crop.Bounds()
		w := float32(min(560, b.Dx()))
		img.SetMinSize(fyne.NewSize(w, w*float32(b.Dy())/float32(b.Dx())))
		into.Add(img)
	}
	if len(fs) == 0 {
		ok := widget.NewLabel(k.P.T("ui.mrz.check_ok"))
		ok.Importance = widget.SuccessImportance
		into.Add(ok)
	}
	for _, f := range fs {
		l := widget.NewLabel(f.Message(k.Lang))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = importanceOf(f.Severity)
		into.Add(l)
	}
}

// MarkedFields are the fields a crop should tint: those of the findings
// that are more than notes.
func MarkedFields(fs []mrzcheck.Finding) []string {
	var out []string
	for _, f := range fs {
		if f.Severity != mrz.SevInfo && f.Field != "" {
			out = append(out, f.Field)
		}
	}
	return out
}

func importanceOf(s mrz.Severity) widget.Importance {
	switch s {
	case mrz.SevError:
		return widget.DangerImportance
	case mrz.SevWarning:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}
