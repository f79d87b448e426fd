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
package scan
