package caseeditor

import (
	"context"
	"errors"
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/app/casework"
	"dossier/app/display"
	"dossier/app/i18n"
	"dossier/app/rules"
	"dossier/app/scan"
	"dossier/app/store"
	"dossier/ui/uikit"
)

// docsState is the documents of the stored case on screen: what is attached,
// how each file fared, and the long task running on them, if any.
type docsState struct {
	docs     []casework.Doc
	started  bool   // the first check of the case has been started
	target   string // checklist item that dropped or picked files go to
	progress *widget.ProgressBar
	stop     *widget.Button // cancels the running check; shown only while one runs
	status   *widget.Label
	cancel   context.CancelFunc
	// run counts the checks started: a check that ends after a newer one
	// began leaves the screen (and the newer one's Stop button) alone.
	run int
	box *fyne.Container
	// scroll shows box; its place is kept across redraws.
	scroll *container.Scroll
	// thumbs caches previews by content hash; a nil entry means none can be
	// made (a PDF) or one is being made.
	thumbs map[string]image.Image
	// waiting holds the places drawn for a preview still being made: the
	// files are redrawn after every move or turn, and each place (with its
	// file's rotation) gets the picture when it comes.
	waiting map[string][]thumbPlace
	// zones are the items' cards on the Files tab (view): files dropped on
	// one while the tab shows go to that item.
	zones []dropZone
	view  fyne.CanvasObject
	// pickTarget shows d.target; the cards' own Add buttons change both.
	pickTarget func(itemID string)
	// passport reads the passport item's zone (passport.go).
	passport passportState
}

type dropZone struct {
	item string
	card fyne.CanvasObject
}

// itemAt returns the item whose card is under pos (window coordinates), if
// the Files tab is showing.
func (d *docsState) itemAt(pos fyne.Position) (string, bool) {
	if d.view == nil || !d.view.Visible() {
		return "", false
	}
	for _, z := range d.zones {
		if !z.card.Visible() {
			continue
		}
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(z.card)
		size := z.card.Size()
		if pos.X >= at.X && pos.Y >= at.Y && pos.X < at.X+size.Width && pos.Y < at.Y+size.Height {
			return z.item, true
		}
	}
	return "", false
}

type thumbPlace struct {
	holder   *fyne.Container
	rotation int
}

// documentsView lists each document item of the checklist with its files and
// their findings, and takes new files by drag and drop or the buttons.
func (e *Editor) documentsView(cl rules.Checklist) fyne.CanvasObject {
	p := e.kit().P
	d := &e.docs
	var items []rules.Item
	for _, it := range cl.Items {
		if it.Kind == rules.Document && it.Status != rules.NotApplicable {
			items = append(items, it)
		}
	}
	if d.target == "" && len(items) > 0 {
		d.target = items[0].ID
	}
	labels := make([]string, len(items))
	for i, it := range items {
		labels[i] = uikit.Clip(it.Title, 60)
	}
	target := e.kit().Select(labels, nil)
	for i, it := range items {
		if it.ID == d.target {
			target.SetSelectedIndex(i)
		}
	}
	target.OnChanged = func(string) {
		if i := target.SelectedIndex(); i >= 0 {
			d.target = items[i].ID
		}
	}
	d.pickTarget = func(itemID string) {
		for i, it := range items {
			if it.ID == itemID {
				target.SetSelectedIndex(i) // sets d.target through OnChanged
			}
		}
	}
	addFile := widget.NewButtonWithIcon(p.T("ui.docs.add_file"), theme.FileIcon(), e.pickFile)
	addFolder := widget.NewButtonWithIcon(p.T("ui.docs.add_folder"), theme.FolderOpenIcon(), func() {
		e.kit().FolderDialog(p.T("ui.dialog.docs_folder"), p.T("ui.dialog.choose_folder"), "", func(dir string) {
			e.attachPaths(d.target, []string{dir}, nil)
		}).Show()
	})
	d.progress = widget.NewProgressBar()
	d.progress.Hide()
	d.status = widget.NewLabel(p.T("ui.docs.drop_hint"))
	d.status.Wrapping = fyne.TextWrapWord
	d.stop = widget.NewButtonWithIcon(p.T("ui.docs.cancel"), theme.CancelIcon(), func() {
		if d.cancel != nil {
			d.cancel()
		}
	})
	d.stop.Hide()
	d.box = container.NewVBox()
	e.fillDocs(items)
	if !d.started {
		d.started = true
		e.validate()
	}
	top := container.NewVBox(
		widget.NewForm(widget.NewFormItem(p.T("ui.docs.target"), target)),
		container.NewHBox(addFile, addFolder),
		container.NewBorder(nil, nil, nil, d.stop, d.progress),
		d.status,
	)
	// The list is drawn anew after every add, turn or removal; it keeps
	// where the clerk had scrolled to rather than jump back to the top.
	d.scroll = container.NewVScroll(d.box)
	d.view = container.NewBorder(top, nil, nil, nil, d.scroll)
	return d.view
}

// pickFile asks for one file (Fyne's dialog takes one at a time; several
// come by drag and drop or "Add a folder") and attaches it to the target item.
func (e *Editor) pickFile() {
	e.kit().FileDialog(e.kit().P.T("ui.dialog.docs_file"), nil, func(path string) {
		e.attachPaths(e.docs.target, []string{path}, nil)
	}).Show()
}

// fillDocs draws every document item with its files and findings.
func (e *Editor) fillDocs(items []rules.Item) {
	p := e.kit().P
	d := &e.docs
	d.box.Objects = nil
	d.zones = nil
	for _, it := range items {
		var files []casework.Doc
		for _, doc := range d.docs {
			if doc.File.ItemID == it.ID {
				files = append(files, doc)
			}
		}
		icon, head := itemHead(p, it, files)
		body := container.NewVBox()
		for i, doc := range files {
			body.Add(e.fileRow(doc, i == 0, i == len(files)-1))
		}
		headLabel := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		headLabel.Wrapping = fyne.TextWrapWord
		itemID := it.ID
		add := widget.NewButtonWithIcon(p.T("ui.docs.add_here"), theme.ContentAddIcon(), func() {
			if d.pickTarget != nil {
				d.pickTarget(itemID)
			}
			e.pickFile()
		})
		add.Importance = widget.LowImportance
		card := widget.NewCard("", "", container.NewVBox(
			container.NewBorder(nil, nil, widget.NewIcon(icon), add, headLabel),
			body))
		d.zones = append(d.zones, dropZone{item: itemID, card: card})
		d.box.Add(card)
	}
	d.box.Refresh()
}

// itemHead is an item's icon and heading on the Files tab. An item is done
// (a tick) only when an accepted file covers it: a rejected file does not go
// into the package, so an item whose files were all rejected is shown as
// such, with what to do, and never counted as covered.
func itemHead(p i18n.Printer, it rules.Item, files []casework.Doc) (fyne.Resource, string) {
	var accepted, rejected, pending int
	for _, f := range files {
		switch f.Result.Verdict {
		case scan.Reject:
			rejected++
		case "":
			pending++
		default:
			accepted++
		}
	}
	switch {
	case accepted > 0 && rejected > 0:
		return theme.ConfirmIcon(), p.T("ui.docs.item_files_some_rejected", it.Title, accepted, rejected)
	case accepted > 0:
		return theme.ConfirmIcon(), p.T("ui.docs.item_files", it.Title, accepted)
	case pending > 0:
		return theme.ViewRefreshIcon(), p.T("ui.docs.item_checking", it.Title)
	case rejected > 0:
		return theme.ErrorIcon(), p.N("ui.docs.item_rejected", rejected, it.Title)
	case it.Status == rules.Required:
		return theme.ErrorIcon(), p.T("ui.docs.item_missing", it.Title)
	}
	return theme.InfoIcon(), p.T("ui.docs.item_files", it.Title, 0)
}

// fileRow shows one file: its verdict, every finding in plain words, and
// buttons to move it up or down among its item's files (the package takes
// them in this order), turn it a quarter clockwise, and remove it. first and
// last say where it stands in its item.
func (e *Editor) fileRow(doc casework.Doc, first, last bool) fyne.CanvasObject {
	p := e.kit().P
	r := doc.Result
	icon := theme.ConfirmIcon()
	switch r.Verdict {
	case scan.Reject:
		icon = theme.ErrorIcon()
	case scan.Warn:
		icon = theme.WarningIcon()
	case "":
		icon = theme.ViewRefreshIcon()
	}
	title := fmt.Sprintf("%s · %s", display.Name(doc.File.Name), p.T("ui.docs.verdict."+string(orPending(r.Verdict))))
	if r.Pages > 0 {
		title += " · " + p.N("ui.docs.pages", r.Pages)
	}
	if doc.File.Rotation != 0 {
		title += " · " + p.T("ui.docs.rotated", doc.File.Rotation)
	}
	titleLabel := widget.NewLabel(title)
	// Wrapped, not cut: beside the five buttons a narrow window left
	// "passport.jpg · …" of the file's name and verdict.
	titleLabel.Wrapping = fyne.TextWrapWord
	lines := container.NewVBox(titleLabel)
	for _, f := range r.Findings {
		l := widget.NewLabel("• " + f.Message(e.kit().Lang))
		l.Wrapping = fyne.TextWrapWord
		if f.Severity == scan.SevError {
			l.Importance = widget.DangerImportance
		} else if f.Severity == scan.SevWarning {
			l.Importance = widget.WarningImportance
		}
		lines.Add(l)
	}
	if doc.File.ItemID == passportItem {
		lines.Add(e.passportCheck(doc))
	}
	id := doc.File.ID
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		dialog.ShowConfirm(p.T("ui.docs.remove_title"), p.T("ui.docs.remove_text", display.Name(doc.File.Name)), func(ok bool) {
			if ok {
				e.removeFile(id)
			}
		}, e.kit().Win)
	})
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() {
		e.changeFile(func(ctx context.Context, ws *store.Workspace) error { return ws.MoveCaseFileBy(ctx, id, -1) })
	})
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() {
		e.changeFile(func(ctx context.Context, ws *store.Workspace) error { return ws.MoveCaseFileBy(ctx, id, 1) })
	})
	if first {
		up.Disable()
	}
	if last {
		down.Disable()
	}
	// The "redo" arrow bends clockwise, the "undo" arrow anticlockwise: the
	// closest theme icons to a quarter turn either way.
	turn := func(deg int) func() {
		return func() {
			e.changeFile(func(ctx context.Context, ws *store.Workspace) error {
				_, err := ws.RotateCaseFile(ctx, id, deg)
				return err
			})
		}
	}
	rotateLeft := widget.NewButtonWithIcon("", theme.ContentUndoIcon(), turn(-90))
	rotate := widget.NewButtonWithIcon("", theme.ContentRedoIcon(), turn(90))
	left := container.NewHBox(widget.NewIcon(icon), e.thumbnail(doc))
	return container.NewBorder(nil, nil, left, container.NewHBox(up, down, rotateLeft, rotate, remove), lines)
}

// thumbnail shows a small preview of an image file, made off the UI thread
// the first time and turned as the clerk turned the file; PDFs get a page
// icon (nothing here renders PDF pages).
func (e *Editor) thumbnail(doc casework.Doc) fyne.CanvasObject {
	d := &e.docs
	size := fyne.NewSize(72, 72)
	if doc.Result.Verdict == scan.Reject {
		return container.NewGridWrap(size, widget.NewIcon(theme.FileIcon()))
	}
	if d.thumbs == nil {
		d.thumbs, d.waiting = map[string]image.Image{}, map[string][]thumbPlace{}
	}
	sha := doc.File.SHA256
	// Until (or unless) there is a picture: a PDF page that is not a scan
	// cannot be shown (nothing here renders PDF), so it gets a page icon
	// with its paper size.
	var placeholder fyne.CanvasObject = widget.NewIcon(theme.FileImageIcon())
	if doc.Result.Kind == scan.KindPDF {
		placeholder = e.pagePlaceholder(doc.Result)
	}
	place := thumbPlace{holder: container.NewGridWrap(size, placeholder), rotation: doc.File.Rotation}
	if img, ok := d.thumbs[sha]; ok {
		if img != nil {
			place.show(img)
		} else if places, making := d.waiting[sha]; making {
			d.waiting[sha] = append(places, place)
		}
		return place.holder
	}
	d.thumbs[sha] = nil // being made
	d.waiting[sha] = []thumbPlace{place}
	path := e.app.Workspace().FilePath(sha)
	e.app.Go(func() {
		img, err := scan.Thumbnail(path, 144)
		e.app.OnUI(func() {
			places := d.waiting[sha]
			delete(d.waiting, sha)
			if err != nil || d.thumbs == nil {
				return
			}
			d.thumbs[sha] = img
			for _, p := range places {
				p.show(img)
			}
		})
	})
	return place.holder
}

// show puts the preview in its place, turned as the file is.
func (p thumbPlace) show(img image.Image) {
	p.holder.Objects = []fyne.CanvasObject{thumbImage(scan.Turn(img, p.rotation))}
	p.holder.Refresh()
}

// pagePlaceholder is a page icon over the first page's paper size ("A4",
// or "875 × 1238 мм").
func (e *Editor) pagePlaceholder(r scan.Result) fyne.CanvasObject {
	icon := widget.NewIcon(theme.FileIcon())
	if len(r.PageInfo) == 0 || r.PageInfo[0].WidthPt <= 0 {
		return icon
	}
	name, w, h := scan.PaperName(r.PageInfo[0].WidthPt, r.PageInfo[0].HeightPt)
	text := name
	if text == "" {
		text = e.kit().P.T("ui.docs.page_mm", w, h)
	}
	label := canvas.NewText(text, theme.Color(theme.ColorNameForeground))
	label.TextSize = theme.CaptionTextSize()
	label.Alignment = fyne.TextAlignCenter
	return container.NewBorder(nil, label, nil, nil, icon)
}

func thumbImage(img image.Image) fyne.CanvasObject {
	c := canvas.NewImageFromImage(img)
	c.FillMode = canvas.ImageFillContain
	c.ScaleMode = canvas.ImageScaleSmooth
	return c
}

func orPending(v scan.Verdict) scan.Verdict {
	if v == "" {
		return "pending"
	}
	return v
}

// attachPaths copies files into the workspace, attaches them, and validates.
// errNoCase is what a caller waiting on an intake hears when no stored
// case is open to take the files.
var errNoCase = errors.New("caseeditor: no stored case is open")

func (e *Editor) attachPaths(item string, paths []string, taken func(error)) {
	if e.stored == nil || len(paths) == 0 {
		if taken != nil {
			taken(errNoCase)
		}
		return
	}
	ws, caseID := e.app.Workspace(), e.stored.ID
	e.run(func(ctx context.Context, progress func(scan.Progress)) ([]casework.Doc, error) {
		_, attachErr := casework.Attach(ctx, ws, caseID, item, paths)
		if taken != nil {
			taken(attachErr)
		}
		docs, err := casework.Validate(ctx, ws, casework.Validator(ws), caseID, progress)
		return docs, errors.Join(attachErr, err)
	})
}

// removeFile removes a file from the case and re-checks the rest.
func (e *Editor) removeFile(caseFileID int64) {
	e.changeFile(func(ctx context.Context, ws *store.Workspace) error { return ws.DetachFile(ctx, caseFileID) })
}

// changeFile saves a change to the case's files at once, then redraws them
// from the workspace (checks come back from the cache). The change itself is
// not cancelled by a later click, which only restarts the redraw: no click
// of the clerk is lost.
func (e *Editor) changeFile(change func(ctx context.Context, ws *store.Workspace) error) {
	if e.stored == nil || e.app.Workspace() == nil {
		return
	}
	ws, caseID := e.app.Workspace(), e.stored.ID
	e.run(func(ctx context.Context, progress func(scan.Progress)) ([]casework.Doc, error) {
		if err := change(context.WithoutCancel(ctx), ws); err != nil {
			return nil, err
		}
		return casework.Validate(ctx, ws, casework.Validator(ws), caseID, progress)
	})
}

// validate (re)checks the case's files.
func (e *Editor) validate() {
	if e.stored == nil || e.app.Workspace() == nil {
		return
	}
	ws, caseID := e.app.Workspace(), e.stored.ID
	e.run(func(ctx context.Context, progress func(scan.Progress)) ([]casework.Doc, error) {
		return casework.Validate(ctx, ws, casework.Validator(ws), caseID, progress)
	})
}

// run does document work off the UI thread with a progress bar and cancel,
// then redraws the documents on the UI thread.
func (e *Editor) run(work func(ctx context.Context, progress func(scan.Progress)) ([]casework.Doc, error)) {
	d := &e.docs
	if d.cancel != nil {
		d.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	d.run++
	run := d.run
	p := e.kit().P
	if d.progress != nil {
		d.progress.SetValue(0)
		d.progress.Show()
		d.stop.Show()
		d.status.SetText(p.T("ui.docs.checking"))
	}
	stored := e.stored
	e.app.Go(func() {
		docs, err := work(ctx, func(pr scan.Progress) {
			e.app.OnUI(func() {
				if d.progress != nil && pr.Total > 0 {
					d.progress.SetValue(float64(pr.Done) / float64(pr.Total))
					name := pr.Name
					if name == "" {
						name = uikit.ShortName(pr.File)
					}
					d.status.SetText(p.T("ui.docs.checking_file", pr.Done, pr.Total, name))
				}
			})
		})
		e.app.OnUI(func() {
			cancel()
			if e.stored != stored || d.run != run { // another case, or a newer check
				return
			}
			d.cancel = nil
			if docs != nil {
				d.docs = docs
			}
			if d.progress != nil {
				d.progress.Hide()
				d.stop.Hide()
			}
			switch {
			case errors.Is(err, context.Canceled):
				d.status.SetText(p.T("ui.docs.cancelled"))
			case err != nil:
				d.status.SetText(p.T("ui.docs.drop_hint"))
				e.kit().ShowError(errors.New(store.Explain(e.kit().Lang, err)))
			default:
				if d.status != nil {
					d.status.SetText(p.T("ui.docs.drop_hint"))
				}
			}
			// The redraw makes a new list: put it where the clerk left the old one.
			var at fyne.Position
			if d.scroll != nil {
				at = d.scroll.Offset
			}
			e.refreshResults()
			if d.scroll != nil {
				d.scroll.ScrollToOffset(at)
			}
			if e.AfterDocs != nil {
				e.AfterDocs()
			}
		})
	})
}
