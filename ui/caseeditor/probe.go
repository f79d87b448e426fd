package caseeditor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/ui/uikit"
)

// Probe shows the window's own tests (package ui) the widgets a clerk
// would look at or use on the Case screen. Those tests walk whole flows
// (roster → case → files → package) across the window, so they cannot live
// in this package; nothing in the program calls Probe.
type Probe struct{ e *Editor }

// Probe is the editor as its tests see it.
func (e *Editor) Probe() Probe { return Probe{e} }

// OwnerNames are the name entries of the housing owners, in order.
func (p Probe) OwnerNames() []*uikit.Entry { return p.e.ownerNames }

// OwnersProblem is the line that says what an owner still lacks.
func (p Probe) OwnersProblem() *widget.Label { return p.e.ownersProblem }

// FormScroll holds the form on the left.
func (p Probe) FormScroll() *container.Scroll { return p.e.formScroll }

// FilesScroll holds the list of the Files tab.
func (p Probe) FilesScroll() *container.Scroll { return p.e.docs.scroll }

// FilesView is the Files tab's content.
func (p Probe) FilesView() fyne.CanvasObject { return p.e.docs.view }

// DropZone is an item's card on the Files tab: files dropped on it go to
// that item.
type DropZone struct {
	Item string
	Card fyne.CanvasObject
}

// DropZones are the items' cards on the Files tab.
func (p Probe) DropZones() []DropZone {
	out := make([]DropZone, len(p.e.docs.zones))
	for i, z := range p.e.docs.zones {
		out[i] = DropZone{Item: z.item, Card: z.card}
	}
	return out
}

// Target is the item "Attach to" names.
func (p Probe) Target() string { return p.e.docs.target }

// PickTarget chooses the item "Attach to" names, as the select does.
func (p Probe) PickTarget(item string) {
	if p.e.docs.pickTarget != nil {
		p.e.docs.pickTarget(item)
	}
}

// FilesChecked says whether the case's files have been checked since the
// Files tab was first drawn (or since RecheckFiles); SetFilesChecked lets a
// test see RecheckFiles clear it.
func (p Probe) FilesChecked() bool { return p.e.docs.started }

// SetFilesChecked: see FilesChecked.
func (p Probe) SetFilesChecked(v bool) { p.e.docs.started = v }
