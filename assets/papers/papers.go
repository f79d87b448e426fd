// Package papers carries the template data of the papers Dossier writes for
// the employer (app/papers): one JSON file per paper and language, so a
// wording a clerk corrects is a data change, not a code change.
package papers

import "embed"

// Files holds <paper>.<lang>.json.
//
//go:embed *.json
var Files embed.FS
