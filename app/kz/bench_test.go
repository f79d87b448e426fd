package kz

import (
	"testing"

	"dossier/app/i18n"
)

// The GUI checks IINs and BINs on every keystroke and the roster import
// checks thousands of rows: these measure one check, with and without
// putting the messages into another language.

func BenchmarkParseIIN(b *testing.B) {
	for b.Loop() {
		_ = ParseIIN("7903 0340 2568", today)
	}
}

func BenchmarkParseIINInvalidLocalized(b *testing.B) {
	for b.Loop() {
		_ = ParseIIN("790303402569", today).In(i18n.EN)
	}
}

func BenchmarkParseBIN(b *testing.B) {
	for b.Loop() {
		_ = ParseBIN("940140000385", today)
	}
}

func BenchmarkParseRKA(b *testing.B) {
	for b.Loop() {
		_ = ParseRKA("0201 5000 1234 5678")
	}
}
