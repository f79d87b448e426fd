// Package scan is Dossier's intake check for documents a clerk drops in.
//
// It identifies a file by its content (never by its name), inspects it behind
// guards (file size, pixel count read from the header before any decoding,
// page count, a child process for untrusted PDFs), and returns a Result: a
// verdict, findings a person can act on, and a normalisation Plan that the
// package builder applies (rotate upright, flatten transparency, convert CMYK
// or 16-bit images, strip photo metadata, decrypt owner-protected PDFs).
// Results are cached by content hash and validator version, so a file is
// decoded once however often it is checked.
//
// Accepted: PDF, JPEG (baseline, extended and progressive; grey, RGB,
// CMYK/YCCK) and PNG (every colour type and depth). TIFF is recognised and
// refused with the advice to save the scan as PDF: scanner TIFFs are often
// multi-page and CCITT-compressed, the package builder embeds JPEG and PDF
// pages without re-encoding, and every scanner program can save PDF. HEIC,
// AVIF, GIF, WebP, BMP, JPEG 2000, office documents, archives, HTML, XML and
// plain text are refused by name, with what to do instead.
//
// Checks on pictures run on a grey copy reduced to about 100 dpi: the
// effective resolution on A4 (the declared density when it is believable,
// else the pixel size fitted to A4), blank, dark, and blur (a high
// percentile of the Laplacian variance over tiles that hold something).
// Scanned PDF pages are checked the same way from the page's largest image
// when it has the page's shape; pages that carry fonts are made documents
// and only get a resolution warning.
//
// PDFs are read by pdfcpu with lowered resource limits in a worker process
// (the same binary's hidden scan-worker command) with a time limit and,
// on Linux, a hard data-segment limit; elsewhere the worker has Go's soft
// memory limit and the timeout. When no worker can start the check runs
// in-process under recover and says so in a finding.
package scan
