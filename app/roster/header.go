package roster

import (
	"strings"
)

// Field is what a column holds.
type Field int

// The columns Dossier understands. FieldKnown marks columns recognised as
// roster columns that are not imported (row number, position, phone, note):
// they help find the header row.
const (
	FieldNone Field = iota
	FieldKnown
	FieldName
	FieldNameLat
	FieldSurname
	FieldGiven
	FieldPatronymic
	FieldBirthDate
	FieldSex
	FieldCitizenship
	FieldIIN
	FieldPassportNo
	FieldPassportIssued
	FieldPassportExpiry
	FieldContractNo
	FieldContractStart
	FieldContractEnd
	FieldESUTD
	FieldTRPNo
	FieldTRPIssued
	FieldTRPExpiry
	FieldFingerprint
	FieldRKA
	FieldOwners
	FieldEmployerBIN
	FieldEmployerName
	FieldStatus
	FieldAddress // the residence address, in words
	// The dates the legal clocks run from (app/clocks): stored beside the
	// employee (store.ClockDates), the change of employer on the employee,
	// the EDS keys' expiry on the employer.
	FieldEntryDate
	FieldEntryBasis
	FieldArrivalRegistered
	FieldAddressChanged
	FieldContractSigned
	FieldWorkPermitExpiry
	FieldEmployerChanged
	FieldEDSExpiry
	fieldCount
)

var fieldIDs = [...]string{
	FieldNone: "", FieldKnown: "other", FieldName: "name", FieldNameLat: "name_lat", FieldSurname: "surname",
	FieldGiven: "given_name", FieldPatronymic: "patronymic", FieldBirthDate: "birth_date", FieldSex: "sex",
	FieldCitizenship: "citizenship", FieldIIN: "iin", FieldPassportNo: "passport_no",
	FieldPassportIssued: "passport_issued", FieldPassportExpiry: "passport_expiry",
	FieldContractNo: "contract_no", FieldContractStart: "contract_start", FieldContractEnd: "contract_end",
	FieldESUTD: "contract_esutd", FieldTRPNo: "trp_no", FieldTRPIssued: "trp_issued", FieldTRPExpiry: "trp_expiry",
	FieldFingerprint: "fingerprint_date", FieldRKA: "residence_rka", FieldOwners: "housing_owners",
	FieldEmployerBIN: "employer_bin", FieldEmployerName: "employer", FieldStatus: "status",
	FieldAddress:   "residence_address",
	FieldEntryDate: "entry_date", FieldEntryBasis: "entry_basis", FieldArrivalRegistered: "arrival_registered",
	FieldAddressChanged: "address_changed", FieldContractSigned: "contract_signed",
	FieldWorkPermitExpiry: "work_permit_expiry", FieldEmployerChanged: "employer_changed",
	FieldEDSExpiry: "employer_eds_expiry",
}

// String is the field's identifier, as used in reports and JSON.
func (f Field) String() string {
	if f >= 0 && int(f) < len(fieldIDs) {
		return fieldIDs[f]
	}
	return "?"
}

// words is a folded header split into tokens, with helpers for the two ways
// a header names a thing: a whole short word ("до", "no", "иин") or the
// start of a longer one ("действ" for действителен / действия).
type words struct {
	text   string
	tokens []string
}

func newWords(s string) words {
	f := fold(s)
	return words{text: " " + f + " ", tokens: strings.Fields(f)}
}

// tok: one of the whole words is present.
func (w words) tok(ws ...string) bool {
	for _, t := range w.tokens {
		for _, x := range ws {
			if t == x {
				return true
			}
		}
	}
	return false
}

// pre: a word starts with one of the stems (or, with a space inside, the
// phrase appears at a word start).
func (w words) pre(stems ...string) bool {
	for _, s := range stems {
		if strings.Contains(w.text, " "+s) {
			return true
		}
	}
	return false
}

func (w words) expiry() bool {
	return w.tok("до", "по", "end", "to", "till", "until", "expiry", "expires") ||
		w.pre("действ", "оконч", "истеч", "истека", "срок", "expir", "valid", "дейін", "мерзім", "аяқта", "жарамд", "end date")
}

func (w words) issued() bool {
	return w.pre("выдан", "выдач", "issue", "берілг", "берілу", "дата получ", "получен")
}

func (w words) start() bool {
	return w.tok("с", "от", "from", "start", "since") || w.pre("начал", "заключ", "start", "басталу", "басталған", "жасалған", "жасалу", "подпис", "дата договора", "date of contract", "signed")
}

func (w words) number() bool {
	return w.tok("no", "n", "номер", "number", "нөмірі", "нөмір", "серия", "num", "nr") || w.pre("номер", "нөмір", "number")
}

// recognise says what a header cell names.
func recognise(header string) Field {
	w := newWords(header)
	// An empty header matches no words below and comes out FieldNone.
	if f := recogniseClock(w); f != FieldNone {
		return f
	}
	trp := w.tok("рвп", "trp", "утр", "врп") || w.pre("разрешени на врем", "разрешение на врем", "temporary resid", "residence permit", "уақытша тұру")
	passport := w.pre("паспорт", "passport", "төлқұжат", "удостоверени личн", "документ удостов")
	contract := w.pre("договор", "contract", "контракт", "шарт", "еңбек шарт")
	nameish := w.tok("фио", "fio", "name", "имя", "аты", "фамилия") || w.pre("ф и о", "т а ә", "full name", "аты жөні", "фамилия имя")
	switch {
	case w.pre("должност", "position", "лауазым", "примеч", "note", "comment", "ескерт", "телефон", "phone",
		"email", "e mail", "отдел", "department", "бөлім", "табельн",
		// Place of birth and issuing authority look like dates by their words.
		"место рожд", "place of birth", "birthplace", "туған жер", "кем выдан", "issued by", "орган выдач",
		"берген орган", "issuing author", "authority"):
		return FieldKnown
	case nameish && (passport || w.pre("латин", "latin", "латын", "транслит", "english") || w.tok("лат", "lat", "eng")):
		return FieldNameLat
	case w.pre("дактилоскоп", "отпечат", "fingerprint", "саусақ", "биометр"):
		return FieldFingerprint
	case w.tok("есутд", "esutd", "енбек", "enbek") || w.pre("enbek", "есутд", "esutd", "регистрация договора", "регистрация трудового", "зарегистрир"):
		return FieldESUTD
	case residence(w) != FieldNone:
		return residence(w)
	case w.tok("бин", "bin", "бсн"):
		return FieldEmployerBIN
	case w.tok("иин", "iin", "жсн", "инн"):
		return FieldIIN
	case trp:
		switch {
		case w.expiry():
			return FieldTRPExpiry
		case w.issued() || w.start():
			return FieldTRPIssued
		}
		return FieldTRPNo
	case passport:
		switch {
		case w.expiry():
			return FieldPassportExpiry
		case w.issued():
			return FieldPassportIssued
		}
		return FieldPassportNo
	case contract:
		switch {
		case w.expiry():
			return FieldContractEnd
		case w.number():
			return FieldContractNo
		case w.start() || w.pre("дата", "date", "күні"):
			return FieldContractStart
		}
		return FieldContractNo
	case w.pre("рожд", "birth", "туған", "туылған", "д р") || w.tok("др", "dob"):
		return FieldBirthDate
	case w.tok("пол", "sex", "gender", "жынысы", "жыныс"):
		return FieldSex
	case w.pre("гражданств", "citizenship", "nationality", "азаматтығ", "азаматтық", "страна", "country", "подданств"):
		return FieldCitizenship
	case w.pre("собственник", "владел", "owner", "меншік иес", "арендодат", "landlord"):
		return FieldOwners
	case w.pre("работодат", "employer", "компани", "организаци", "company", "жұмыс беруші", "предприяти", "мекеме", "ұйым", "тоо", "заказчик", "client"):
		return FieldEmployerName
	case w.pre("статус", "status", "мәртебе", "состояни", "уволен"):
		return FieldStatus
	case (w.pre("латин", "latin", "латын", "english", "in passport", "по паспорту", "транслит") || w.tok("лат", "lat", "eng")) &&
		!w.pre("рожд"):
		return FieldNameLat
	case w.tok("фио", "fio", "фамилия и о", "таә") || w.pre("ф и о", "т а ә", "фамилия имя", "full name", "аты жөні", "тегі аты", "аты тегі", "name surname", "surname name"):
		return FieldName
	case w.pre("фамили", "surname", "last name", "family name") || w.tok("тегі", "тек"):
		return FieldSurname
	case w.pre("отчеств", "patronym", "middle name", "әкесінің"):
		return FieldPatronymic
	case w.tok("имя", "аты", "есімі") || w.pre("first name", "given name", "forename"):
		return FieldGiven
	case w.tok("name", "сотрудник", "работник", "employee", "қызметкер", "worker", "иностранец", "фамилия", "житель") ||
		w.pre("сотрудник", "работник", "employee", "қызметкер", "иностранн", "шетел"):
		return FieldName
	case w.tok("no", "n", "нн", "пп", "тел") || w.pre("no п п", "п п"):
		return FieldKnown
	}
	return FieldNone
}

// recogniseClock finds the columns of the dates legal clocks run from.
// Their words are asked for narrowly: a roster's "Виза" or "Регистрация"
// column of another meaning must stay out of the import, as it was before
// these columns existed (a cell that is not a date would refuse its row).
func recogniseClock(w words) Field {
	contract := w.pre("договор", "contract", "контракт", "шарт")
	switch {
	case w.tok("эцп", "eds", "эцқ", "эцк") || w.pre("электронн цифров", "электрондық цифрлық", "digital signature"):
		if w.expiry() {
			return FieldEDSExpiry
		}
		return FieldKnown
	case w.pre("смена работодат", "смены работодат", "смену работодат", "change of employer", "employer change",
		"жұмыс берушінің ауысуы", "жұмыс берушіні ауыстыр", "жұмыс беруші ауыс"):
		return FieldEmployerChanged
	case w.pre("разрешение на привлечение", "разрешения на привлечение", "разрешение работодател", "разрешения работодател",
		"work permit", "жұмыс күшін тарту", "жұмыс берушінің рұқсат"):
		if w.expiry() {
			return FieldWorkPermitExpiry
		}
		return FieldKnown
	case contract && w.pre("подпис", "signed", "signing", "қол қой"):
		return FieldContractSigned
	case w.pre("основание въезда", "основание пребывания", "режим въезда", "entry basis", "basis of entry", "visa free",
		"безвиз", "кіру негіз", "визасыз"):
		return FieldEntryBasis
	case w.pre("дата въезда", "дата последнего въезда", "въезд в рк", "въезда в рк", "entry date", "date of entry",
		"last entry", "кірген күн", "елге кір", "келген күн"):
		return FieldEntryDate
	case !contract && w.pre("уведомлени о прибыт", "уведомление о прибыт", "уведомления о прибыт", "регистрации иммигр",
		"регистрация иммигр", "регистрации по месту", "регистрация по месту", "постановк на учет", "arrival notif",
		"arrival regist", "migration regist", "келу туралы хабарла", "тіркеуге қою", "тіркелген күн"):
		return FieldArrivalRegistered
	case w.pre("смена адреса", "смены адреса", "изменение адреса", "изменения адреса", "переезд", "address change",
		"change of address", "мекенжай ауыс", "мекенжайды ауыст"):
		return FieldAddressChanged
	}
	return FieldNone
}

// Header is the header found in a table.
type Header struct {
	// Lines are the sheet lines of the header (two when a group title sits
	// above the column titles).
	Lines []int
	// Columns maps column index to field; the first column of a field wins.
	Columns map[int]Field
	// Titles are the header texts, by column, for the report.
	Titles map[int]string
	// first is the index in Table.Rows of the first data row.
	first int
}

// Has reports whether the header has a column for f.
func (h Header) Has(f Field) bool {
	for _, g := range h.Columns {
		if g == f {
			return true
		}
	}
	return false
}

// headerSearchRows is how far down a header may sit (title rows, logos,
// "approved by" blocks).
const headerSearchRows = 30

// FindHeader finds the header row: the row (or pair of rows, for a
// two-level header) whose cells name the most roster columns, with at least
// a name and one more column.
func FindHeader(t *Table) (Header, bool) {
	best := Header{}
	bestScore := 0
	limit := min(len(t.Rows), headerSearchRows)
	for i := 0; i < limit; i++ {
		single := mapColumns(t.Rows[i].Cells, nil)
		if s := score(single); s > bestScore {
			best, bestScore = headerOf(t, single, i, 1), s
		}
		if i+1 < len(t.Rows) && t.Rows[i+1].Line == t.Rows[i].Line+1 && looksLikeHeader(t.Rows[i+1].Cells) {
			// Two lines count as one header only when together they name
			// more than either line alone (a title above a header does not).
			double := mapColumns(t.Rows[i].Cells, t.Rows[i+1].Cells)
			s := score(double)
			if s > score(single) && s > score(mapColumns(t.Rows[i+1].Cells, nil)) && s > bestScore {
				best, bestScore = headerOf(t, double, i, 2), s
			}
		}
	}
	return best, bestScore > 0
}

type colmap struct {
	fields map[int]Field
	titles map[int]string
}

func mapColumns(top, below []string) colmap {
	m := colmap{fields: map[int]Field{}, titles: map[int]string{}}
	seen := map[Field]bool{}
	n := max(len(top), len(below))
	for c := 0; c < n; c++ {
		a, b := cell(top, c), cell(below, c)
		title := strings.TrimSpace(a)
		f := FieldNone
		if below != nil {
			switch {
			case a == b:
				f = recognise(a) // a title merged over both rows
			default:
				title = strings.TrimSpace(a + " " + b)
				// "Паспорт" above "действителен до": the pair names the column.
				f = recognise(title)
				if g := recognise(b); f == FieldNone || (g != FieldNone && g != FieldKnown && f == FieldKnown) {
					f = g
				}
			}
		} else {
			f = recognise(a)
		}
		if f == FieldNone || (f != FieldKnown && seen[f]) {
			continue
		}
		seen[f] = true
		m.fields[c] = f
		m.titles[c] = title
	}
	return m
}

func cell(cells []string, c int) string {
	if c < len(cells) {
		return cells[c]
	}
	return ""
}

// score counts the distinct fields; without a name column it is no roster.
func score(m colmap) int {
	distinct := map[Field]bool{}
	hasName := false
	for _, f := range m.fields {
		distinct[f] = true
		switch f {
		case FieldName, FieldNameLat, FieldSurname:
			hasName = true
		}
	}
	if !hasName || len(distinct) < 2 {
		return 0
	}
	return len(distinct)
}

// looksLikeHeader rejects a second header row that is really data: data has
// dates and long numbers, titles do not.
func looksLikeHeader(cells []string) bool {
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if d, ok := parseDate(c, false, false); ok && !d.IsZero() {
			return false
		}
		digits := 0
		for _, r := range c {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if digits >= 5 {
			return false
		}
	}
	return true
}

func headerOf(t *Table, m colmap, i, rows int) Header {
	// "Surname" beside a plain "Name": that name is the given name.
	var hasSurname, hasGiven bool
	nameCol := -1
	for c, f := range m.fields {
		switch f {
		case FieldSurname:
			hasSurname = true
		case FieldGiven:
			hasGiven = true
		case FieldName:
			nameCol = c
		}
	}
	if hasSurname && !hasGiven && nameCol >= 0 {
		if w := newWords(m.titles[nameCol]); w.tok("name", "имя") && len(w.tokens) <= 2 {
			m.fields[nameCol] = FieldGiven
		}
	}
	h := Header{Columns: m.fields, Titles: m.titles, first: i + rows}
	for k := 0; k < rows; k++ {
		h.Lines = append(h.Lines, t.Rows[i+k].Line)
	}
	return h
}

// residence recognises the columns of where the employee lives: the
// address's registration code (RKA) and the address in words. A company's,
// a legal or an e-mail address is known but not imported.
func residence(w words) Field {
	switch {
	case w.tok("рка", "rka", "мтк", "rca", "arc") || w.pre("регистрационный код адреса", "код адреса", "мекенжайдың тіркеу", "address registration code"):
		return FieldRKA
	case !w.pre("адрес", "address", "мекенжай", "место жительства", "место проживания", "тұрғылықты"):
		return FieldNone
	case w.pre("юрид", "legal", "заңды", "компани", "company", "организац", "работодат", "employer", "ұйым",
		"почт", "mail", "электрон", "сайт", "web"):
		return FieldKnown
	}
	return FieldAddress
}
