package roster

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"dossier/app/civil"
	"dossier/app/rules"
	"dossier/app/store"
)

var (
	excelEpoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	excelEpoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// parseDate reads a date cell: an Excel serial (in .xlsx), dd.mm.yyyy with
// one- or two-digit day and month (also with / or - and a trailing «г.»),
// dd.mm.yy, or ISO yyyy-mm-dd. ok is false for anything else; an empty cell
// is the zero date with ok true.
func parseDate(s string, serials, date1904 bool) (civil.Date, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "г."), "г")
	s = strings.TrimSuffix(strings.TrimSpace(s), "ж.")
	s = strings.TrimSpace(s)
	if s == "" {
		return civil.Date{}, true
	}
	// An ISO timestamp from a database export: keep the day.
	if len(s) > 10 && s[4] == '-' && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	// "03.01.2024 0:00:00", as Excel writes dates with a time into CSV.
	if i := strings.IndexByte(s, ' '); i > 0 && strings.Contains(s[i:], ":") {
		s = strings.TrimSpace(s[:i])
	}
	if d, ok := parseWordDate(s); ok {
		return d, true
	}
	if serials && isNumber(s) {
		y, m, d, ok := serialDate(s, date1904)
		if !ok {
			return civil.Date{}, false
		}
		dt, err := civil.Valid(y, m, d, s)
		return dt, err == nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '/' || r == '-' })
	if len(parts) != 3 {
		return civil.Date{}, false
	}
	nums := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return civil.Date{}, false
		}
		nums[i] = n
	}
	var y, m, d int
	switch {
	case len(parts[0]) == 4: // yyyy-mm-dd
		y, m, d = nums[0], nums[1], nums[2]
	case len(parts[2]) == 4:
		d, m, y = nums[0], nums[1], nums[2]
	case len(parts[2]) == 2: // dd.mm.yy: documents in force are of this century
		d, m, y = nums[0], nums[1], 2000+nums[2]
	default:
		return civil.Date{}, false
	}
	if y < 1900 || y > 2200 {
		return civil.Date{}, false
	}
	dt, err := civil.Valid(y, m, d, s)
	return dt, err == nil
}

// months maps month names (Russian nominative and genitive, Kazakh, English,
// by their first letters) to numbers.
var months = []struct {
	stems []string
	month int
}{
	{[]string{"январ", "қаңтар", "jan"}, 1}, {[]string{"феврал", "ақпан", "feb"}, 2},
	{[]string{"март", "наурыз", "mar"}, 3}, {[]string{"апрел", "сәуір", "apr"}, 4},
	{[]string{"мая", "май", "мамыр", "may"}, 5}, {[]string{"июн", "маусым", "jun"}, 6},
	{[]string{"июл", "шілде", "jul"}, 7}, {[]string{"август", "тамыз", "aug"}, 8},
	{[]string{"сентябр", "қыркүйек", "sep"}, 9}, {[]string{"октябр", "қазан", "oct"}, 10},
	{[]string{"ноябр", "қараша", "nov"}, 11}, {[]string{"декабр", "желтоқсан", "dec"}, 12},
}

// parseWordDate reads "3 января 2024", "2024 жылғы 3 қаңтар" or "3 Jan 2024".
func parseWordDate(s string) (civil.Date, bool) {
	f := strings.Fields(fold(s))
	if len(f) < 3 || len(f) > 5 {
		return civil.Date{}, false
	}
	day, month, year := 0, 0, 0
	for _, w := range f {
		if n, err := strconv.Atoi(w); err == nil {
			switch {
			case n >= 1900 && n <= 2200 && year == 0:
				year = n
			case n >= 1 && n <= 31 && day == 0:
				day = n
			default:
				return civil.Date{}, false
			}
			continue
		}
		for _, m := range months {
			for _, stem := range m.stems {
				if strings.HasPrefix(w, stem) && month == 0 {
					month = m.month
				}
			}
		}
	}
	if day == 0 || month == 0 || year == 0 {
		return civil.Date{}, false
	}
	d, err := civil.Valid(year, month, day, s)
	return d, err == nil
}

// parseDateRange reads "01.01.2024 - 31.12.2024" or "с 01.01.2024 по 31.12.2024".
func parseDateRange(s string, serials, date1904 bool) (first, last civil.Date, ok bool) {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '–' || r == '—' || r == ';' || r == ','
	})
	var dates []civil.Date
	for _, f := range fields {
		f = strings.Trim(f, "-")
		if f == "" {
			continue
		}
		if d, ok := parseDate(f, false, false); ok && !d.IsZero() {
			dates = append(dates, d)
			continue
		}
		// "01.01.2024-31.12.2024" without spaces
		if parts := strings.Split(f, "-"); len(parts) == 2 {
			a, okA := parseDate(parts[0], false, false)
			b, okB := parseDate(parts[1], false, false)
			if okA && okB && !a.IsZero() && !b.IsZero() {
				dates = append(dates, a, b)
			}
		}
	}
	if len(dates) != 2 {
		return civil.Date{}, civil.Date{}, false
	}
	return dates[0], dates[1], true
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && strings.ContainsAny(s, "0123456789")
}

// normalizeDigits cleans an IIN or BIN cell: spaces dropped, a number that
// Excel turned into 8.9E+11 or that lost its leading zeros restored.
func normalizeDigits(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '-' || r == '\'' || r == '"' {
			return -1
		}
		return r
	}, s)
	if strings.ContainsAny(s, "eE") || strings.HasSuffix(s, ".0") {
		if v, err := strconv.ParseFloat(s, 64); err == nil && v >= 0 && v < 1e12 {
			s = strconv.FormatFloat(v, 'f', 0, 64)
		}
	}
	if len(s) >= 10 && len(s) < 12 && allDigits(s) {
		s = strings.Repeat("0", 12-len(s)) + s
	}
	return s
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// fold lower-cases, turns ё into е and reduces punctuation to single spaces,
// so that headers and values compare the way a person reads them.
func fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		switch {
		case r == 'ё':
			r = 'е'
		case r == '№' || r == '#':
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("no ")
			space = true
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimSpace(b.String())
}

// countries maps the ways clerks write a citizenship to ISO 3166 alpha-2.
// Keys are folded (see fold).
var countries = map[string]string{}

func init() {
	add := func(code string, names ...string) {
		for _, n := range names {
			countries[fold(n)] = code
		}
	}
	add("RU", "Россия", "Российская Федерация", "РФ", "Ресей", "Ресей Федерациясы", "Russia", "Russian Federation", "RUS")
	add("UZ", "Узбекистан", "Республика Узбекистан", "Өзбекстан", "Uzbekistan", "UZB")
	add("KG", "Кыргызстан", "Киргизия", "Кыргызская Республика", "Киргизстан", "Қырғызстан", "Kyrgyzstan", "Kyrgyz Republic", "KGZ")
	add("TJ", "Таджикистан", "Тәжікстан", "Tajikistan", "TJK")
	add("TM", "Туркменистан", "Түрікменстан", "Turkmenistan", "TKM")
	add("BY", "Беларусь", "Белоруссия", "Республика Беларусь", "Belarus", "BLR")
	add("AM", "Армения", "Армения Республикасы", "Armenia", "ARM")
	add("AZ", "Азербайджан", "Әзірбайжан", "Azerbaijan", "AZE")
	add("GE", "Грузия", "Грузия Республикасы", "Georgia", "GEO")
	add("MD", "Молдова", "Молдавия", "Moldova", "MDA")
	add("UA", "Украина", "Украина Республикасы", "Ukraine", "UKR")
	add("TR", "Турция", "Түркия", "Turkey", "Türkiye", "Turkiye", "TUR")
	add("CN", "Китай", "КНР", "Қытай", "China", "People's Republic of China", "CHN")
	add("IN", "Индия", "Үндістан", "India", "IND")
	add("PK", "Пакистан", "Pakistan", "PAK")
	add("AF", "Афганистан", "Ауғанстан", "Afghanistan", "AFG")
	add("IR", "Иран", "Iran", "IRN")
	add("MN", "Монголия", "Моңғолия", "Mongolia", "MNG")
	add("KR", "Южная Корея", "Корея", "Республика Корея", "Оңтүстік Корея", "South Korea", "Korea", "Republic of Korea", "KOR")
	add("JP", "Япония", "Жапония", "Japan", "JPN")
	add("VN", "Вьетнам", "Vietnam", "Viet Nam", "VNM")
	add("PH", "Филиппины", "Philippines", "PHL")
	add("DE", "Германия", "Германия Федеративтік Республикасы", "Germany", "DEU")
	add("FR", "Франция", "France", "FRA")
	add("IT", "Италия", "Italy", "ITA")
	add("ES", "Испания", "Spain", "ESP")
	add("GB", "Великобритания", "Соединённое Королевство", "Ұлыбритания", "United Kingdom", "Great Britain", "UK", "GBR")
	add("US", "США", "Соединённые Штаты", "АҚШ", "United States", "USA")
	add("CA", "Канада", "Canada", "CAN")
	add("PL", "Польша", "Poland", "POL")
	add("NL", "Нидерланды", "Netherlands", "NLD")
	add("IL", "Израиль", "Israel", "ISR")
	add("AE", "ОАЭ", "Объединённые Арабские Эмираты", "United Arab Emirates", "UAE", "ARE")
	add("EG", "Египет", "Egypt", "EGY")
	add("BD", "Бангладеш", "Bangladesh", "BGD")
	add("NP", "Непал", "Nepal", "NPL")
	add("LK", "Шри-Ланка", "Sri Lanka", "LKA")
	add("ID", "Индонезия", "Indonesia", "IDN")
	add("MY", "Малайзия", "Malaysia", "MYS")
	add("TH", "Таиланд", "Тайланд", "Thailand", "THA")
	add("LT", "Литва", "Lithuania", "LTU")
	add("LV", "Латвия", "Latvia", "LVA")
	add("EE", "Эстония", "Estonia", "EST")
	add("RS", "Сербия", "Serbia", "SRB")
	add("KZ", "Казахстан", "Қазақстан", "Республика Казахстан", "Kazakhstan", "KAZ")
	add("", "ЛБГ", "лицо без гражданства", "без гражданства", "азаматтығы жоқ адам", "stateless")
}

// parseCountry reads a citizenship cell. ok is false when it is not understood.
// A stateless person has the code "" with ok true.
func parseCountry(s string) (code string, ok bool) {
	if strings.TrimSpace(s) == "" {
		return "", true
	}
	f := fold(s)
	if c, found := countries[f]; found {
		return c, true
	}
	// «гражданин РФ», «Республика Узбекистан», «Ресей азаматы»: try without the wrapping words.
	for _, w := range []string{"гражданин ", "гражданка ", "республика ", "азаматы", "citizen of "} {
		f = strings.TrimSpace(strings.ReplaceAll(f, strings.TrimSpace(w), ""))
	}
	if c, found := countries[f]; found {
		return c, true
	}
	up := strings.ToUpper(strings.TrimSpace(s))
	if len(up) == 2 && rules.IsCountry(up) {
		return up, true
	}
	// Inflected forms: «Кыргызстана», «России», «Узбекистана».
	if c, found := countryByStem(f); found {
		return c, true
	}
	return "", false
}

// countryByStem finds the one country whose name shares all but its last
// two letters with f (Russian case endings); nothing when several do.
func countryByStem(f string) (string, bool) {
	fr := []rune(f)
	if len(fr) < 5 {
		return "", false
	}
	found, code := false, ""
	for name, c := range countries {
		nr := []rune(name)
		if len(nr) < 5 || c == "" {
			continue
		}
		n := 0
		for n < len(nr) && n < len(fr) && nr[n] == fr[n] {
			n++
		}
		if n >= len(nr)-2 && n >= len(fr)-3 {
			if found && code != c {
				return "", false
			}
			found, code = true, c
		}
	}
	return code, found
}

// parseSex reads М/Ж, M/F, муж/жен, male/female, ер/әйел.
func parseSex(s string) (string, bool) {
	switch fold(s) {
	case "":
		return "", true
	case "м", "m", "муж", "мужской", "мужчина", "male", "man", "ер", "е", "ер адам", "ер жынысты":
		return "M", true
	case "ж", "f", "w", "жен", "женский", "женщина", "female", "woman", "әйел", "ә", "әйел адам", "әйел жынысты":
		return "F", true
	}
	return "", false
}

// parseYes reads a yes/no cell (ESUTD registration). A date or a number in
// it (the registration date or number) also means yes.
func parseYes(s string, serials, date1904 bool) (bool, bool) {
	switch fold(s) {
	case "", "нет", "no", "n", "0", "false", "жоқ", "не зарегистрирован", "not registered":
		return false, true
	case "да", "yes", "y", "1", "true", "иә", "ия", "зарегистрирован", "зарегистрировано", "registered", "тіркелген", "есть", "v":
		return true, true
	}
	t := strings.TrimSpace(s)
	if t == "+" || t == "✓" || t == "✔" {
		return true, true
	}
	if t == "-" || t == "—" {
		return false, true
	}
	if d, ok := parseDate(s, serials, date1904); ok && !d.IsZero() {
		return true, true
	}
	// A registration number or "№ 123 от 01.02.2024": registered.
	if strings.ContainsAny(t, "0123456789") {
		return true, true
	}
	return false, false
}

// parseStatus reads whether the employee still works there.
func parseStatus(s string) (string, bool) {
	switch f := fold(s); {
	case f == "", strings.HasPrefix(f, "работает"), f == "active", f == "employed", f == "действующий",
		strings.HasPrefix(f, "жұмыс істейді"), f == "штатный":
		return "active", true
	case strings.HasPrefix(f, "уволен"), f == "dismissed", f == "left", f == "terminated", f == "уволена",
		strings.HasPrefix(f, "жұмыстан шық"), strings.HasPrefix(f, "босатылған"), f == "inactive":
		return "dismissed", true
	}
	return "", false
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// parseEntryBasis reads how an employee entered Kazakhstan: visa-free, on
// a visa, or not known (a dash, "не известно"). The registration rules of
// 2026 speak of visa-free stays only, so the two must not be confused:
// anything else is refused with the words that are understood.
func parseEntryBasis(s string) (string, bool) {
	f := fold(s)
	switch {
	case f == "", f == "нет данных", f == "неизвестно", f == "не известно", f == "unknown", f == "белгісіз":
		return store.EntryUnknown, true
	case strings.HasPrefix(f, "безвиз"), f == "без визы", f == "visa free", f == "no visa", f == "визасыз",
		strings.HasPrefix(f, "визасыз"):
		return store.EntryVisaFree, true
	case f == "виза", f == "по визе", f == "visa", f == "on a visa", f == "визовый", f == "визамен",
		strings.HasPrefix(f, "виза бойынша"):
		return store.EntryVisa, true
	}
	return "", false
}
