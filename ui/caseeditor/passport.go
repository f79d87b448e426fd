package caseeditor

import (
	"context"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"dossier/app/casework"
	"dossier/app/civil"
	"dossier/app/display"
	"dossier/app/mrzcheck"
	"dossier/app/scan"
	"dossier/app/store"
	"dossier/ui/uikit"
)

// The passport item's files are compared with what was typed for the
// applicant (issue 20): the machine-readable zone is read off the UI thread
// (about a second the first time; afterwards from the workspace's cache),
// and each disagreement is listed under the file with the zone's crop and
// the field tinted.

// passportItem is the checklist item of the passport's data page.
const passportItem = "passport"

// pictureSide bounds the picture kept for a crop: enough for a zone's
// characters, small enough to keep a few.
const pictureSide = 1600

// passportState is the Files tab's passport reader, for the workspace it
// reads from, and the pictures its crops come from, by content hash (UI
// thread only).
type passportState struct {
	reader   *mrzcheck.Reader
	ws       *store.Workspace
	pictures map[string]*image.Gray
}

// passportCheck is a passport file's comparison with the applicant's typed
// data: an empty box now, filled when the reading is done.
func (e *Editor) passportCheck(doc casework.Doc) fyne.CanvasObject {
	box := container.NewVBox()
	ws := e.app.Workspace()
	if ws == nil || e.stored == nil || doc.Result.Verdict == scan.Reject {
		return box
	}
	ps := &e.docs.passport
	if ps.reader == nil || ps.ws != ws {
		ps.reader, ps.ws, ps.pictures = mrzcheck.NewReader(ws), ws, map[string]*image.Gray{}
	}
	reader, c, kit := ps.reader, *e.stored, e.kit()
	sha, name, path := doc.File.SHA256, display.Name(doc.File.Name), ws.FilePath(doc.File.SHA256)
	pic := ps.pictures[sha]
	today := civil.Of(e.app.Now())
	e.app.Go(func() {
		ctx := context.Background()
		sc, err := reader.Read(ctx, path, sha, today)
		if err != nil {
			return // not a picture the reader takes: the file's own findings say what it is
		}
		typed, err := mrzcheck.TypedForCase(ctx, ws, c)
		if err != nil {
			return
		}
		fs := mrzcheck.Check(sc, sha, typed)
		var crop image.Image
		if sc.Found && pic == nil {
			pic, _ = scan.Grey(path, pictureSide)
		}
		if sc.Found && pic != nil {
			crop = mrzcheck.ZoneCrop(pic, sc, uikit.MarkedFields(fs)...)
		}
		e.app.OnUI(func() {
			if pic != nil && ps.ws == ws {
				ps.pictures[sha] = pic
			}
			kit.PassportCheck(box, name, fs, crop)
			if e.docs.scroll != nil {
				e.docs.scroll.Refresh() // a scroller measures its content only when refreshed
			}
		})
	})
	return box
}
