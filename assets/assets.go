// Package assets carries the files Dossier ships inside its binary: the rules
// (procedures, holidays, transfer orders) and, as features arrive, icons,
// fonts and translations. Nothing is read from disk at run time unless the
// user supplies a newer file.
package assets

import _ "embed"

// Rules is the embedded rules file (see docs/rules.md for its format).
//
//go:embed rules/rules.json
var Rules []byte

// SeedCase is the sample case shown before a workspace exists: the online
// extension Dossier grew from (see docs/rules.md).
//
//go:embed demo/seed_case.json
var SeedCase []byte

// Icon is the application icon (1024 × 1024 PNG), drawn by packaging/icon.
//
//go:embed icon.png
var Icon []byte

// RulesPrevious is the rules file of the previous release, kept so the
// window can show what changed since (see docs/rules.md). Replace it with
// the outgoing rules.json whenever rules.json changes.
//
//go:embed rules/previous.json
var RulesPrevious []byte
