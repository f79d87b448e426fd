package store

// migrations upgrade a workspace one version at a time. migrations[i] takes
// the database from version i to i+1 (PRAGMA user_version). A released entry
// is never edited: a change to the schema is a new entry at the end, so any
// older workspace can be brought forward in place.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE employers (
	id       INTEGER PRIMARY KEY,
	name     TEXT NOT NULL,
	bin      TEXT NOT NULL DEFAULT '',
	rka      TEXT NOT NULL DEFAULT '',
	address  TEXT NOT NULL DEFAULT '',
	created  TEXT NOT NULL,
	updated  TEXT NOT NULL
);
CREATE UNIQUE INDEX employers_bin ON employers(bin) WHERE bin <> '';

CREATE TABLE employees (
	id               INTEGER PRIMARY KEY,
	employer_id      INTEGER REFERENCES employers(id) ON DELETE SET NULL,
	name_cyr         TEXT NOT NULL DEFAULT '',
	name_lat         TEXT NOT NULL DEFAULT '',
	birth_date       TEXT,
	sex              TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'M', 'F')),
	citizenship      TEXT NOT NULL DEFAULT '',
	iin              TEXT NOT NULL DEFAULT '',
	passport_no      TEXT NOT NULL DEFAULT '',
	passport_expiry  TEXT,
	contract_no      TEXT NOT NULL DEFAULT '',
	contract_start   TEXT,
	contract_end     TEXT,
	contract_esutd   INTEGER NOT NULL DEFAULT 0,
	trp_no           TEXT NOT NULL DEFAULT '',
	trp_issued       TEXT,
	trp_expiry       TEXT,
	fingerprint_date TEXT,
	residence_rka    TEXT NOT NULL DEFAULT '',
	housing_owners   TEXT NOT NULL DEFAULT '',
	status           TEXT NOT NULL DEFAULT 'active',
	created          TEXT NOT NULL,
	updated          TEXT NOT NULL
);
CREATE INDEX employees_iin ON employees(iin) WHERE iin <> '';
CREATE INDEX employees_passport ON employees(passport_no) WHERE passport_no <> '';
CREATE INDEX employees_employer ON employees(employer_id);

CREATE TABLE family_members (
	id               INTEGER PRIMARY KEY,
	employee_id      INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
	relation         TEXT NOT NULL DEFAULT 'other',
	name_cyr         TEXT NOT NULL DEFAULT '',
	name_lat         TEXT NOT NULL DEFAULT '',
	birth_date       TEXT,
	sex              TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'M', 'F')),
	citizenship      TEXT NOT NULL DEFAULT '',
	iin              TEXT NOT NULL DEFAULT '',
	passport_no      TEXT NOT NULL DEFAULT '',
	passport_expiry  TEXT,
	trp_no           TEXT NOT NULL DEFAULT '',
	trp_expiry       TEXT,
	fingerprint_date TEXT,
	created          TEXT NOT NULL,
	updated          TEXT NOT NULL
);
CREATE INDEX family_employee ON family_members(employee_id);

CREATE TABLE cases (
	id                 INTEGER PRIMARY KEY,
	employee_id        INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
	family_member_id   INTEGER REFERENCES family_members(id) ON DELETE CASCADE,
	purpose            TEXT NOT NULL DEFAULT 'work',
	kind               TEXT NOT NULL DEFAULT 'extension',
	channel            TEXT NOT NULL DEFAULT 'online',
	filing_date        TEXT,
	state              TEXT NOT NULL DEFAULT 'draft',
	owned_by_applicant INTEGER NOT NULL DEFAULT 0,
	owners_count       INTEGER NOT NULL DEFAULT 0,
	owners_abroad      INTEGER NOT NULL DEFAULT 0,
	notes              TEXT NOT NULL DEFAULT '',
	created            TEXT NOT NULL,
	updated            TEXT NOT NULL
);
CREATE INDEX cases_employee ON cases(employee_id);

CREATE TABLE files (
	sha256  TEXT PRIMARY KEY,
	size    INTEGER NOT NULL,
	added   TEXT NOT NULL
);

CREATE TABLE case_files (
	id       INTEGER PRIMARY KEY,
	case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	item_id  TEXT NOT NULL,
	sha256   TEXT NOT NULL REFERENCES files(sha256),
	name     TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL DEFAULT 0,
	added    TEXT NOT NULL
);
CREATE INDEX case_files_case ON case_files(case_id, item_id, position);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE history (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	action    TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id INTEGER NOT NULL DEFAULT 0,
	detail    TEXT NOT NULL DEFAULT ''
);
`,
	// 2: the change-of-employer date for the 15-day re-issue rule, cached scan
	// findings, built packages, and findings per case.
	`
ALTER TABLE employees ADD COLUMN employer_changed TEXT;

CREATE TABLE scan_cache (
	sha256    TEXT NOT NULL REFERENCES files(sha256) ON DELETE CASCADE,
	validator TEXT NOT NULL,
	result    TEXT NOT NULL,
	checked   TEXT NOT NULL,
	PRIMARY KEY (sha256, validator)
);

CREATE TABLE case_findings (
	id       INTEGER PRIMARY KEY,
	case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	item_id  TEXT NOT NULL DEFAULT '',
	code     TEXT NOT NULL,
	severity TEXT NOT NULL,
	detail   TEXT NOT NULL DEFAULT '',
	found    TEXT NOT NULL
);
CREATE INDEX case_findings_case ON case_findings(case_id);

CREATE TABLE packages (
	id       INTEGER PRIMARY KEY,
	case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	built    TEXT NOT NULL,
	out_dir  TEXT NOT NULL,
	manifest TEXT NOT NULL DEFAULT ''
);
CREATE INDEX packages_case ON packages(case_id);
`,
	// 3: the clerk's rotation of each attached file (clockwise quarter turns),
	// and dense positions within each item: earlier versions left gaps where
	// a file was removed, and reordering counts on 0, 1, 2, … in order.
	`
ALTER TABLE case_files ADD COLUMN rotation INTEGER NOT NULL DEFAULT 0
	CHECK (rotation IN (0, 90, 180, 270));

UPDATE case_files SET position = (
	SELECT COUNT(*) FROM case_files o
	WHERE o.case_id = case_files.case_id AND o.item_id = case_files.item_id
	  AND (o.position < case_files.position OR (o.position = case_files.position AND o.id < case_files.id))
);
`,
	// 4: a company's full details (director, contact, phone, EDS key expiry)
	// for the papers and the legal clocks; the housing owners of each case
	// (name, IIN, abroad or not); every change of an employee's employer
	// with its date, for the 15-day re-issue clock.
	`
ALTER TABLE employers ADD COLUMN director_name TEXT NOT NULL DEFAULT '';
ALTER TABLE employers ADD COLUMN director_position TEXT NOT NULL DEFAULT '';
ALTER TABLE employers ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE employers ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE employers ADD COLUMN eds_expiry TEXT;

CREATE TABLE case_owners (
	id       INTEGER PRIMARY KEY,
	case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	position INTEGER NOT NULL DEFAULT 0,
	name     TEXT NOT NULL,
	iin      TEXT NOT NULL DEFAULT '',
	abroad   INTEGER NOT NULL DEFAULT 0 CHECK (abroad IN (0, 1)),
	created  TEXT NOT NULL
);
CREATE INDEX case_owners_case ON case_owners(case_id, position);

CREATE TABLE employer_changes (
	id            INTEGER PRIMARY KEY,
	employee_id   INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
	from_employer INTEGER REFERENCES employers(id) ON DELETE SET NULL,
	to_employer   INTEGER REFERENCES employers(id) ON DELETE SET NULL,
	changed_on    TEXT NOT NULL,
	recorded      TEXT NOT NULL
);
CREATE INDEX employer_changes_employee ON employer_changes(employee_id, changed_on);
`,
	// 5: the dates the legal clocks run from that the employee record does
	// not hold (entry into the country and on what basis, the arrival
	// registration, a change of address, the contract's signing, the
	// employer's permit for the employee), one row per employee.
	`
CREATE TABLE employee_clocks (
	employee_id        INTEGER PRIMARY KEY REFERENCES employees(id) ON DELETE CASCADE,
	entry_date         TEXT,
	entry_basis        TEXT NOT NULL DEFAULT '' CHECK (entry_basis IN ('', 'visa_free', 'visa')),
	arrival_registered TEXT,
	address_changed    TEXT,
	contract_signed    TEXT,
	work_permit_expiry TEXT,
	updated            TEXT NOT NULL
);
`,
	// 6: the residence address in words next to its RKA (for the employer's
	// letter and the egov values), and how a paper filing proves the housing
	// owners' consent (a notarized consent, the owner in person, or by proxy).
	`
ALTER TABLE employees ADD COLUMN residence_address TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN housing_consent TEXT NOT NULL DEFAULT ''
	CHECK (housing_consent IN ('', 'notary', 'in_person', 'proxy'));
`,
	// 7: every paper Dossier writes (the employer's letter, a consent draft,
	// the originals list, the egov values), .docx and PDF, by its SHA-256:
	// an unsigned draft must never be attached as the signed paper. A case
	// removed later leaves the record, without its case.
	`
CREATE TABLE paper_drafts (
	sha256  TEXT PRIMARY KEY,
	case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL,
	paper   TEXT NOT NULL,
	file    TEXT NOT NULL,
	written TEXT NOT NULL
);
`,
	// 8: a company's own letterhead for the employer's letter, one per
	// language of the letter: the .docx the clerk imported, kept in the
	// database so the file and its record change in one transaction.
	`
CREATE TABLE employer_letterheads (
	employer_id INTEGER NOT NULL REFERENCES employers(id) ON DELETE CASCADE,
	lang        TEXT NOT NULL CHECK (lang IN ('ru', 'kk')),
	name        TEXT NOT NULL,
	sha256      TEXT NOT NULL,
	size        INTEGER NOT NULL,
	imported    TEXT NOT NULL,
	data        BLOB NOT NULL,
	PRIMARY KEY (employer_id, lang)
);
`,
}

// SchemaVersion is the workspace version this build writes.
var SchemaVersion = len(migrations)
