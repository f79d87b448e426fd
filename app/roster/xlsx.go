package roster

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// The workbook reader.
//
// Dossier reads .xlsx rosters with its own streaming reader of the sheet XML
// rather than excelize's Rows().Columns(): Columns pads every row with empty
// strings out to its last cell, so one cell in column XFD costs 16,384
// strings per row. Measured on excelize 2.11.1 (2-core VM): 100,000 rows of
// one cell at XFD took 35 s of CPU in Columns alone (a 0.5 MB file; a million
// such rows would take six minutes), the same rows at column B 0.5 s.
// excelize's other cell getters load the whole sheet (GetMergeCells was most
// of the 3.6 GB a 10 KB file cost). Nothing in its public API streams cells
// without that padding, so this file reads the few parts a roster needs
// (workbook, its relationships, shared strings, one sheet at a time) with
// archive/zip and encoding/xml, each part through a byte budget, and keeps
// only the cells of the columns it recognises (see tableBuilder).

// Limits for the parts of a workbook. A real roster of 50,000 rows is about
// 15 MB of sheet XML and 5 MB of shared strings.
const (
	// maxSharedStrings bounds the shared-string part, which is held in memory.
	maxSharedStrings = 32 << 20
	// maxSmallPart bounds the workbook and relationship parts.
	maxSmallPart = 4 << 20
	// maxXMLRun bounds the text between two XML tags, or one tag: Excel's
	// longest cell is 32,767 characters, so anything near this is hostile.
	maxXMLRun = 1 << 20
	// maxZipEntries: a workbook has dozens of parts; a directory of millions
	// would cost memory before a single cell is read.
	maxZipEntries = 10_000
	// maxMerges is how many merged ranges of a sheet are honoured.
	maxMerges = 10_000
)

// maxUnzipped bounds the bytes read out of the zip in all (a zip bomb stops
// here, whatever sizes its directory claims). A variable for tests.
var maxUnzipped int64 = 160 << 20

// workbook is an opened .xlsx: its parts by lower-cased name.
type workbook struct {
	parts  map[string]*zip.File
	budget *budget
	sheets []sheetRef
	// date1904 selects the Mac 1904 date system.
	date1904 bool
	sstPath  string
	sst      *sharedStrings
}

type sheetRef struct {
	name   string
	path   string
	hidden bool
}

// budget is the bytes the reader may still take out of the zip.
type budget struct{ left int64 }

func openWorkbook(data string) (*workbook, error) {
	if n, ok := zipEntryCount(data); ok && n > maxZipEntries {
		return nil, fileErr(ErrUnreadable, nil, "roster.err.damaged_xlsx")
	}
	zr, err := zip.NewReader(strings.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileErr(ErrUnreadable, err, "roster.err.damaged_xlsx")
	}
	if len(zr.File) > maxZipEntries {
		return nil, fileErr(ErrUnreadable, nil, "roster.err.damaged_xlsx")
	}
	wb := &workbook{parts: map[string]*zip.File{}, budget: &budget{left: maxUnzipped}}
	for _, f := range zr.File {
		wb.parts[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	wbPath := wb.officeDocument()
	if wbPath == "" || wb.parts[strings.ToLower(wbPath)] == nil {
		return nil, wb.notAWorkbook()
	}
	if err := wb.readWorkbook(wbPath); err != nil {
		return nil, err
	}
	return wb, nil
}

// zipEntryCount reads the entry count from the end-of-central-directory
// record, before archive/zip allocates an entry for each.
func zipEntryCount(data string) (int, bool) {
	const eocdLen = 22
	start := max(0, len(data)-eocdLen-0xFFFF)
	i := strings.LastIndex(data[start:], "PK\x05\x06")
	if i < 0 || start+i+eocdLen > len(data) {
		return 0, false
	}
	rec := data[start+i:]
	n := int(binary.LittleEndian.Uint16([]byte(rec[10:12])))
	if n == 0xFFFF { // zip64: no workbook needs that many parts
		return maxZipEntries + 1, true
	}
	return n, true
}

// notAWorkbook names what a zip without a workbook is, so the clerk knows
// which file they picked by mistake.
func (wb *workbook) notAWorkbook() error {
	switch {
	case wb.parts["xl/workbook.bin"] != nil:
		return fileErr(ErrUnreadable, nil, "roster.err.xlsb")
	case wb.parts["word/document.xml"] != nil:
		return fileErr(ErrUnreadable, nil, "roster.err.office_other", "Word (.docx)")
	case wb.parts["ppt/presentation.xml"] != nil:
		return fileErr(ErrUnreadable, nil, "roster.err.office_other", "PowerPoint (.pptx)")
	case wb.parts["mimetype"] != nil:
		if m, err := wb.readPart("mimetype", 256); err == nil && bytes.Contains(m, []byte("spreadsheet")) {
			return fileErr(ErrUnreadable, nil, "roster.err.ods")
		}
		return fileErr(ErrUnreadable, nil, "roster.err.office_other", "OpenDocument")
	}
	return fileErr(ErrUnreadable, nil, "roster.err.zip_not_xlsx")
}

// readPart reads a whole small part, within limit and the budget.
func (wb *workbook) readPart(name string, limit int64) ([]byte, error) {
	rc, err := wb.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, wb.readErr(err)
	}
	if int64(len(data)) > limit {
		return nil, fileErr(ErrTooLarge, nil, "roster.err.unpacks_too_large", limit>>20)
	}
	return data, nil
}

// open opens a part for streaming through the budget and the run guard.
func (wb *workbook) open(name string) (io.ReadCloser, error) {
	f := wb.parts[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, fileErr(ErrUnreadable, nil, "roster.err.damaged_xlsx")
	}
	if f.Flags&0x1 != 0 {
		return nil, fileErr(ErrUnreadable, nil, "roster.err.damaged_xlsx")
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fileErr(ErrUnreadable, err, "roster.err.damaged_xlsx")
	}
	return &guardedReader{r: rc, c: rc, b: wb.budget}, nil
}

// readErr turns what went wrong while reading a part into a catalogue error.
func (wb *workbook) readErr(err error) error {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe
	}
	return fileErr(ErrUnreadable, err, "roster.err.damaged_xlsx")
}

// guardedReader stops a part that expands past the budget, and a text run or
// tag longer than maxXMLRun (encoding/xml would hold it whole in memory).
type guardedReader struct {
	r   io.Reader
	c   io.Closer
	b   *budget
	run int
}

var errBudget = errors.New("workbook unpacks too large")

func (g *guardedReader) Read(p []byte) (int, error) {
	if g.b.left <= 0 {
		return 0, fileErr(ErrTooLarge, errBudget, "roster.err.unpacks_too_large", maxUnzipped>>20)
	}
	if int64(len(p)) > g.b.left {
		p = p[:g.b.left]
	}
	n, err := g.r.Read(p)
	g.b.left -= int64(n)
	chunk := p[:n]
	for len(chunk) > 0 {
		i := bytes.IndexAny(chunk, "<>")
		if i < 0 {
			g.run += len(chunk)
			break
		}
		g.run = 0
		chunk = chunk[i+1:]
	}
	if g.run > maxXMLRun {
		return n, fileErr(ErrUnreadable, nil, "roster.err.damaged_xlsx")
	}
	return n, err
}

func (g *guardedReader) Close() error { return g.c.Close() }

// officeDocument finds the workbook part through the package relationships.
func (wb *workbook) officeDocument() string {
	rels, err := wb.rels("_rels/.rels", "")
	if err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				return r.target
			}
		}
	}
	if wb.parts["xl/workbook.xml"] != nil {
		return "xl/workbook.xml"
	}
	return ""
}

type rel struct{ id, typ, target string }

// rels reads a relationships part; targets are resolved against base (the
// folder of the part they belong to).
func (wb *workbook) rels(name, base string) ([]rel, error) {
	if wb.parts[strings.ToLower(name)] == nil {
		return nil, nil
	}
	data, err := wb.readPart(name, maxSmallPart)
	if err != nil {
		return nil, err
	}
	var out []rel
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		r := rel{id: attr(se, "Id"), typ: attr(se, "Type"), target: attr(se, "Target")}
		if strings.HasPrefix(r.target, "/") {
			r.target = strings.TrimPrefix(r.target, "/")
		} else {
			r.target = path.Join(base, r.target)
		}
		out = append(out, r)
	}
	return out, nil
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// readWorkbook reads the sheet list, the date system and where the shared
// strings are.
func (wb *workbook) readWorkbook(wbPath string) error {
	base := path.Dir(wbPath)
	rels, err := wb.rels(path.Join(base, "_rels", path.Base(wbPath)+".rels"), base)
	if err != nil {
		return err
	}
	targets := map[string]string{}
	for _, r := range rels {
		targets[r.id] = r.target
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			wb.sstPath = r.target
		}
	}
	if wb.sstPath == "" && wb.parts[strings.ToLower(path.Join(base, "sharedStrings.xml"))] != nil {
		wb.sstPath = path.Join(base, "sharedStrings.xml")
	}
	data, err := wb.readPart(wbPath, maxSmallPart)
	if err != nil {
		return err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fileErr(ErrUnreadable, err, "roster.err.damaged_xlsx")
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			wb.date1904 = v == "1" || strings.EqualFold(v, "true")
		case "sheet":
			id := ""
			for _, a := range se.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					id = a.Value
				}
			}
			state := attr(se, "state")
			wb.sheets = append(wb.sheets, sheetRef{name: attr(se, "name"), path: targets[id], hidden: state == "hidden" || state == "veryHidden"})
		}
	}
	if len(wb.sheets) == 0 {
		return fileErr(ErrUnreadable, nil, "roster.err.damaged_xlsx")
	}
	return nil
}

// sharedStrings holds the workbook's string table as one text with offsets,
// which costs a fraction of a string per entry.
type sharedStrings struct {
	buf  []byte // while reading
	text string // then: cells are substrings of it and cost no copy
	ends []uint32
}

func (s *sharedStrings) get(i int) (string, bool) {
	if i < 0 || i >= len(s.ends) {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.text[start:s.ends[i]], true
}

func (wb *workbook) sharedStrings() (*sharedStrings, error) {
	if wb.sst != nil {
		return wb.sst, nil
	}
	wb.sst = &sharedStrings{}
	if wb.sstPath == "" || wb.parts[strings.ToLower(wb.sstPath)] == nil {
		return wb.sst, nil
	}
	if f := wb.parts[strings.ToLower(wb.sstPath)]; f.UncompressedSize64 > maxSharedStrings {
		return nil, fileErr(ErrTooLarge, nil, "roster.err.unpacks_too_large", maxSharedStrings>>20)
	}
	rc, err := wb.open(wb.sstPath)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// The size in the zip directory can lie: the limit holds regardless.
	lr := &io.LimitedReader{R: rc, N: maxSharedStrings + 1}
	d := xml.NewDecoder(lr)
	depthRPh := 0 // phonetic runs (<rPh>) are not part of the text
	inT := false
	var cur bytes.Buffer
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			if lr.N <= 0 {
				return nil, fileErr(ErrTooLarge, nil, "roster.err.unpacks_too_large", maxSharedStrings>>20)
			}
			return nil, wb.readErr(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				cur.Reset()
			case "rPh":
				depthRPh++
			case "t":
				inT = depthRPh == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				wb.sst.buf = append(wb.sst.buf, cur.Bytes()...)
				wb.sst.ends = append(wb.sst.ends, uint32(len(wb.sst.buf)))
			case "rPh":
				depthRPh--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
	wb.sst.text, wb.sst.buf = string(wb.sst.buf), nil
	return wb.sst, nil
}

// mergeRange is a merged block, 0-based columns and 1-based lines.
type mergeRange struct{ c1, r1, c2, r2 int }

// readMerges finds the sheet's merged ranges, which the XML keeps after all
// the cells. A first pass over the bytes (no XML parsing until the
// <mergeCells> element) finds them before the cells are read, so the header
// can be read with its merged titles spread.
func (wb *workbook) readMerges(sheetPath string) ([]mergeRange, error) {
	rc, err := wb.open(sheetPath)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	const chunk = 64 << 10
	buf := make([]byte, 0, 2*chunk)
	tmp := make([]byte, chunk)
	for {
		n, err := rc.Read(tmp)
		buf = append(buf, tmp[:n]...)
		if i := mergeStart(buf); i >= 0 {
			return parseMerges(io.MultiReader(bytes.NewReader(buf[i:]), rc)), nil
		}
		if err == io.EOF {
			return nil, nil
		}
		if err != nil {
			return nil, wb.readErr(err)
		}
		// Keep a tail long enough to hold a split "<prefix:mergeCells".
		if len(buf) > 256 {
			buf = append(buf[:0], buf[len(buf)-256:]...)
		}
	}
}

// mergeStart finds "<mergeCells" (with any namespace prefix) in b.
func mergeStart(b []byte) int {
	from := 0
	for {
		i := bytes.Index(b[from:], []byte("mergeCells"))
		if i < 0 {
			return -1
		}
		i += from
		j := i - 1
		for j >= 0 && j > i-40 && b[j] != '<' && b[j] != '>' && b[j] != ' ' {
			j--
		}
		if j >= 0 && b[j] == '<' && (j == i-1 || b[i-1] == ':') {
			return j
		}
		from = i + 1
	}
}

func parseMerges(r io.Reader) []mergeRange {
	var out []mergeRange
	d := xml.NewDecoder(r)
	for len(out) < maxMerges {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		if ee, ok := tok.(xml.EndElement); ok && ee.Name.Local == "mergeCells" {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "mergeCell" {
			continue
		}
		a, b, ok := strings.Cut(attr(se, "ref"), ":")
		if !ok {
			continue
		}
		c1, r1, ok1 := cellRef(a)
		c2, r2, ok2 := cellRef(b)
		if !ok1 || !ok2 {
			continue
		}
		if c1 > c2 {
			c1, c2 = c2, c1
		}
		if r1 > r2 {
			r1, r2 = r2, r1
		}
		if c2 >= MaxCols || (r2-r1+1)*(c2-c1+1) > 10_000 {
			continue
		}
		out = append(out, mergeRange{c1: c1, r1: r1, c2: c2, r2: r2})
	}
	return out
}

// cellRef reads "AB12" as column 27 (0-based) and line 12.
func cellRef(s string) (col, line int, ok bool) {
	s = strings.ReplaceAll(s, "$", "")
	i := 0
	for i < len(s) && i < 4 {
		c := s[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
		i++
	}
	if i == 0 || i > 3 {
		return 0, 0, false
	}
	n, err := strconv.Atoi(s[i:])
	if err != nil || n < 1 || n > maxSheetLine {
		return 0, 0, false
	}
	return col - 1, n, true
}

// cellCol reads only the column of "AB12"; -1 when there is none.
func cellCol(s string) int {
	col, i := 0, 0
	for i < len(s) {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		if i == 3 {
			return -1
		}
		col = col*26 + int(c-'a') + 1
		i++
	}
	if i == 0 {
		return -1
	}
	return col - 1
}

// maxSheetLine is Excel's last row.
const maxSheetLine = 1_048_576

// readSheet streams the cells of one sheet into b.
func (wb *workbook) readSheet(ref sheetRef, b *tableBuilder) error {
	if ref.path == "" || wb.parts[strings.ToLower(ref.path)] == nil {
		return fileErr(ErrUnreadable, nil, "roster.err.damaged_xlsx")
	}
	merges, err := wb.readMerges(ref.path)
	if err != nil {
		return err
	}
	b.setMerges(merges)
	sst, err := wb.sharedStrings()
	if err != nil {
		return err
	}
	rc, err := wb.open(ref.path)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var (
		line, prevLine int
		cells          []cellValue
		inRow          bool
		col, prevCol   int
		typ            string
		inV, inIS, inT bool
		rph            int
		val            bytes.Buffer
		haveVal, far   bool
	)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return wb.readErr(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				inRow, cells, prevCol, far = true, cells[:0], -1, false
				line = prevLine + 1
				if r := attr(t, "r"); r != "" {
					if n, err := strconv.Atoi(r); err == nil && n >= 1 && n <= maxSheetLine {
						line = n
					}
				}
			case "c":
				col = prevCol + 1
				if r := attr(t, "r"); r != "" {
					if c := cellCol(r); c >= 0 {
						col = c
					}
				}
				prevCol = col
				typ = attr(t, "t")
				val.Reset()
				haveVal, inV, inIS, inT, rph = false, false, false, false, 0
			case "v":
				inV = true
			case "is":
				inIS = true
			case "rPh":
				rph++
			case "t":
				inT = inIS && rph == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV, haveVal = false, true
			case "t":
				if inT {
					haveVal = true
				}
				inT = false
			case "is":
				inIS = false
			case "rPh":
				rph--
			case "c":
				if !inRow || !haveVal {
					continue
				}
				v := cellText(typ, val.Bytes(), sst)
				switch {
				case strings.TrimSpace(v) == "":
				case col >= MaxCols:
					far = true
				case len(cells) >= MaxCols:
					// More cells than columns: the same cell written again
					// and again. Hostile; the first ones are kept.
				default:
					cells = append(cells, cellValue{col: col, v: v})
				}
			case "row":
				if inRow {
					if err := b.add(line, cells, far); err != nil {
						return err
					}
					prevLine, inRow = line, false
				}
			case "sheetData":
				return nil
			}
		case xml.CharData:
			if inV || inT {
				val.Write(t)
			}
		}
	}
	return nil
}

// cellText turns a cell's stored value into text the way Excel shows it
// when no number format applies (numbers and dates stay serials).
func cellText(typ string, raw []byte, sst *sharedStrings) string {
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(string(raw)))
		if err != nil {
			return ""
		}
		s, _ := sst.get(i)
		return s
	case "b":
		switch strings.TrimSpace(string(raw)) {
		case "1", "true":
			return "TRUE"
		case "0", "false":
			return "FALSE"
		}
	}
	return string(raw)
}

// sheetNames lists the workbook's sheets, for the "no such sheet" message.
func (wb *workbook) sheetNames() string {
	names := make([]string, len(wb.sheets))
	for i, s := range wb.sheets {
		names[i] = s.name
	}
	return strings.Join(names, ", ")
}

// readXLSX reads the chosen sheet, or the visible sheets up to the first
// that holds a roster header.
func readXLSX(data string, opts ReadOptions) (tables []*Table, err error) {
	defer func() {
		if r := recover(); r != nil {
			tables, err = nil, fileErr(ErrUnreadable, fmt.Errorf("panic: %v", r), "roster.err.damaged_xlsx")
		}
	}()
	wb, err := openWorkbook(data)
	if err != nil {
		return nil, err
	}
	sheets := wb.sheets
	if opts.Sheet != "" {
		var chosen []sheetRef
		for _, s := range wb.sheets {
			if strings.EqualFold(strings.TrimSpace(s.name), strings.TrimSpace(opts.Sheet)) {
				chosen = []sheetRef{s}
				break
			}
		}
		if chosen == nil {
			return nil, fileErr(ErrNoSheet, nil, "roster.err.no_sheet", opts.Sheet, wb.sheetNames())
		}
		sheets = chosen
	}
	for _, s := range sheets {
		if opts.Sheet == "" && s.hidden {
			continue
		}
		b := newTableBuilder(&Table{Sheet: s.name, Serials: true, Date1904: wb.date1904})
		if err := wb.readSheet(s, b); err != nil && !errors.Is(err, errNoHeaderStop) {
			return nil, err
		}
		t := b.finish()
		tables = append(tables, t)
		if _, ok := FindHeader(t); ok {
			break
		}
	}
	return tables, nil
}
