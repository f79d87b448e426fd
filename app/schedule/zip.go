package schedule

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"runtime"
	"sync"
)

// The schedule sheet is a few megabytes of XML that excelize hands to the
// zip writer in one piece at the very end, and deflating it was a sixth of
// an export; on one core it waits for nothing but itself. parallelZip
// deflates every large write in pieces, one per core, and joins them into
// one deflate stream: each piece but the last ends with a sync flush (a
// byte-aligned, non-final block), so the pieces concatenate into a valid
// stream that any unzip reads; the entry ends with an empty final block.
// Back-references do not cross pieces, which costs about a percent of size.

const (
	// zipPiece is the size of the pieces a large write is cut into.
	zipPiece = 512 << 10
	// flagDataDescriptor says the sizes and CRC follow the data (the local
	// header is written before they are known).
	flagDataDescriptor = 0x8
	// zipVersion20 and zipVersion45 are the zip versions deflate and zip64
	// need to be read.
	zipVersion20 = 20
	zipVersion45 = 45
)

type parallelZip struct {
	zw     *zip.Writer
	entry  *zipEntry
	splice *splice
	// compressors are reused across pieces and entries: each holds about a
	// megabyte of tables that would otherwise be allocated (and zeroed)
	// again and again.
	compressors chan *flate.Writer
}

// newParallelZip returns the zip writer for a workbook; sp (optional) puts
// rows into a part as it is written.
func newParallelZip(w io.Writer, sp *splice) *parallelZip {
	n := max(1, runtime.GOMAXPROCS(0))
	return &parallelZip{zw: zip.NewWriter(w), compressors: make(chan *flate.Writer, n), splice: sp}
}

type zipEntry struct {
	z   *parallelZip
	fh  *zip.FileHeader
	raw io.Writer
	crc uint32
	n   int64
	out int64
	// hold collects the part that is spliced (excelize's worksheet XML,
	// a few kilobytes) until it is finished.
	hold *bytes.Buffer
}

// splice puts body into the zip part named part, just before the last
// occurrence of marker: the schedule's rows (sheetRows) go into the sheet
// excelize writes, before its "</sheetData>".
type splice struct {
	part   string
	marker []byte
	body   io.WriterTo
	done   bool
}

// Create starts an entry; the previous one is finished first.
func (p *parallelZip) Create(name string) (io.Writer, error) {
	if err := p.finish(); err != nil {
		return nil, err
	}
	// CreateRaw leaves the versions at 0.0; deflate needs 2.0 (APPNOTE
	// 4.4.3), and Office checks the field. These are the values zip's
	// own Create writes.
	fh := &zip.FileHeader{Name: name, Method: zip.Deflate, Flags: flagDataDescriptor,
		CreatorVersion: zipVersion20, ReaderVersion: zipVersion20}
	raw, err := p.zw.CreateRaw(fh)
	if err != nil {
		return nil, err
	}
	p.entry = &zipEntry{z: p, fh: fh, raw: raw}
	if p.splice != nil && name == p.splice.part {
		p.entry.hold = new(bytes.Buffer)
	}
	return p.entry, nil
}

// AddFS is part of excelize's interface; the workbook never uses it.
func (p *parallelZip) AddFS(fsys fs.FS) error {
	if err := p.finish(); err != nil {
		return err
	}
	return p.zw.AddFS(fsys)
}

func (p *parallelZip) Close() error {
	err := p.finish()
	if err == nil && p.splice != nil && !p.splice.done {
		err = fmt.Errorf("zip: no part %s to put the rows in", p.splice.part)
	}
	return errors.Join(err, p.zw.Close())
}

// finish ends the open entry with an empty final block and records its CRC
// and sizes, which zip writes after the data (flagDataDescriptor) and in the
// central directory.
func (p *parallelZip) finish() error {
	e := p.entry
	if e == nil {
		return nil
	}
	p.entry = nil
	if e.hold != nil {
		if err := e.spliceIn(p.splice); err != nil {
			return err
		}
	}
	end, err := p.deflate(nil, true)
	if err != nil {
		return err
	}
	if err := e.emit(end); err != nil {
		return err
	}
	e.fh.CRC32 = e.crc
	e.fh.UncompressedSize64, e.fh.CompressedSize64 = uint64(e.n), uint64(e.out)
	e.fh.UncompressedSize, e.fh.CompressedSize = clamp32(e.n), clamp32(e.out)
	if e.n >= 1<<32-1 || e.out >= 1<<32-1 {
		e.fh.ReaderVersion = zipVersion45 // the sizes go in zip64 fields
	}
	return nil
}

func clamp32(n int64) uint32 { return uint32(min(n, int64(^uint32(0)))) }

// spliceIn writes the held part with sp.body inside it.
func (e *zipEntry) spliceIn(sp *splice) error {
	part := e.hold.Bytes()
	e.hold = nil
	at := bytes.LastIndex(part, sp.marker)
	if at < 0 {
		return fmt.Errorf("zip: %s has no %s to put the rows before", sp.part, sp.marker)
	}
	if _, err := e.Write(part[:at]); err != nil {
		return err
	}
	if _, err := sp.body.WriteTo(e); err != nil {
		return err
	}
	if _, err := e.Write(part[at:]); err != nil {
		return err
	}
	sp.done = true
	return nil
}

// Write deflates p, in pieces on several goroutines when it is large.
func (e *zipEntry) Write(p []byte) (int, error) {
	if e.hold != nil {
		return e.hold.Write(p)
	}
	e.crc = crc32.Update(e.crc, crc32.IEEETable, p)
	e.n += int64(len(p))
	pieces := (len(p) + zipPiece - 1) / zipPiece
	if pieces <= 1 {
		out, err := e.z.deflate(p, false)
		if err != nil {
			return 0, err
		}
		return len(p), e.emit(out)
	}
	outs := make([][]byte, pieces)
	errs := make([]error, pieces)
	var wg sync.WaitGroup
	sem := make(chan struct{}, cap(e.z.compressors))
	for i := range pieces {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			outs[i], errs[i] = e.z.deflate(p[i*zipPiece:min(len(p), (i+1)*zipPiece)], false)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return 0, err
	}
	for _, out := range outs {
		if err := e.emit(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

func (e *zipEntry) emit(b []byte) error {
	n, err := e.raw.Write(b)
	e.out += int64(n)
	return err
}

// deflate compresses p into non-final blocks ending on a byte boundary, or,
// with last, into the stream's final block.
func (p *parallelZip) deflate(data []byte, last bool) ([]byte, error) {
	var buf growBuffer
	var fw *flate.Writer
	select {
	case fw = <-p.compressors:
		fw.Reset(&buf)
	default:
		var err error
		if fw, err = flate.NewWriter(&buf, flate.BestSpeed); err != nil {
			return nil, err
		}
	}
	defer func() {
		select {
		case p.compressors <- fw:
		default:
		}
	}()
	if _, err := fw.Write(data); err != nil {
		return nil, err
	}
	var err error
	if last {
		err = fw.Close()
	} else {
		err = fw.Flush()
	}
	return buf.b, err
}

// growBuffer is the smallest io.Writer that collects bytes.
type growBuffer struct{ b []byte }

func (g *growBuffer) Write(p []byte) (int, error) {
	g.b = append(g.b, p...)
	return len(p), nil
}
