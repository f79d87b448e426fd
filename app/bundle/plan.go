package bundle

import "dossier/app/scan"

// FixesFromPlan turns scan validation's normalisation plan for a picture (or
// a PDF) into the builder's Fixes. A picture is one page: page 1's plan is
// its plan. The EXIF orientation carries both the turn and the mirroring, so
// the plan's derived Rotate/Mirror are not added on top of it.
func FixesFromPlan(p scan.Plan) *Fixes {
	pp := p.Page(1)
	return &Fixes{
		Orientation:   pp.EXIFOrientation,
		FlattenAlpha:  pp.FlattenAlpha,
		CMYKToRGB:     pp.ToRGB,
		To8Bit:        pp.To8Bit,
		StripMetadata: p.StripMetadata,
		Decrypt:       p.Decrypt,
	}
}
