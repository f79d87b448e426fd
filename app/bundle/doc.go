// Package bundle builds the document package a clerk files: one merged PDF
// (cover sheet with a table of contents, a bookmark per document, page numbers
// on every page), one upload PDF per document for the egov form, each under a
// size budget, and a manifest that records every input and every change.
//
// pdfcpu writes the PDF; this package decides what goes on each page. JPEG
// data is embedded byte for byte unless a fix or the budget needs new pixels.
// Output is written beside its destination and moved into place, so a crash
// or a cancel never leaves a half-written package.
//
// The input is plain data (Input): the caller (the case's checklist and scan
// validation, or the pack command for loose files) says which files belong to
// which document and which fixes each file needs.
package bundle
