package pdfkit

import (
	"bytes"
	"context"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// DraftKey is the document information entry Dossier writes into every
// paper it drafts (the value names the paper: letter, consent-1, …). Scan
// validation refuses a PDF carrying it: an unsigned draft is never the
// signed paper, wherever the file was written or copied to.
const DraftKey = "DossierDraft"

// SetInfo returns pdf with entries added to its document information
// dictionary (api.AddProperties): Dossier marks the papers it writes there,
// so a draft is known as one wherever it turns up.
func SetInfo(c context.Context, pdf []byte, entries map[string]string) (out []byte, err error) {
	defer guard("set info", &err)
	if err := c.Err(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := api.AddProperties(c, bytes.NewReader(pdf), &buf, entries, writeConfig()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// InfoEntry returns a text entry of the document information dictionary.
func (d *Doc) InfoEntry(key string) (value string, ok bool) {
	defer func() {
		if recover() != nil {
			value, ok = "", false
		}
	}()
	if d.ctx.Info == nil {
		return "", false
	}
	info, err := d.ctx.DereferenceDict(*d.ctx.Info)
	if err != nil || info == nil {
		return "", false
	}
	o, found := info.Find(key)
	if !found {
		return "", false
	}
	s, err := d.ctx.DereferenceStringOrHexLiteral(o, model.V10, nil)
	if err != nil {
		return "", false
	}
	return s, true
}
