// Package failure says in the clerk's language what went wrong and what to
// do about it, for any error the CLI or the window is about to show.
//
// Library errors carry their authors' English ("disk I/O error (4874)", "no
// space left on device", "EOF"); shown after a Russian prefix they tell a
// clerk nothing. Message sorts an error into a class — the disk is full, the
// folder is read-only, access is denied, the file is in use, the disk failed,
// the database is damaged, the file is cut short, … — by errors.Is and
// errors.As on what the operating system and SQLite report, and returns the
// class's catalogue text. An error that knows how to say itself (a type with
// a Message(i18n.Lang) string method, like the workspace's "open in another
// Dossier") is asked first, so packages keep their own precise texts while
// this package supplies the common ones.
package failure

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"dossier/app/i18n"
)

// Explainer is an error that can say itself in the clerk's language.
type Explainer interface {
	Message(lang i18n.Lang) string
}

// Class names a kind of failure; its catalogue key is "failure." + Class.
type Class string

const (
	Unknown     Class = "unknown"
	Cancelled   Class = "cancelled"
	DiskFull    Class = "disk_full"
	ReadOnly    Class = "read_only"
	Permission  Class = "permission"
	InUse       Class = "in_use"
	DBBusy      Class = "db_busy"
	DiskIO      Class = "disk_io"
	DBDamaged   Class = "db_damaged"
	NotFound    Class = "not_found"
	NotFolder   Class = "not_folder"
	NameTooLong Class = "name_too_long"
	Truncated   Class = "truncated"
)

// SQLite's primary result codes (the low byte of an extended code), as
// modernc.org/sqlite's *Error reports them through Code().
const (
	sqlitePerm     = 3
	sqliteBusy     = 5
	sqliteLocked   = 6
	sqliteReadOnly = 8
	sqliteIOErr    = 10
	sqliteCorrupt  = 11
	sqliteFull     = 13
	sqliteCantOpen = 14
	sqliteNotADB   = 26
)

// Classify sorts err into a class; Unknown when none fits.
func Classify(err error) Class {
	if err == nil {
		return Unknown
	}
	if errors.Is(err, context.Canceled) {
		return Cancelled
	}
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		switch coded.Code() & 0xff {
		case sqliteFull:
			return DiskFull
		case sqliteReadOnly:
			return ReadOnly
		case sqlitePerm:
			return Permission
		case sqliteBusy, sqliteLocked:
			return DBBusy
		case sqliteIOErr:
			// SQLite reports a full disk met while writing as an I/O
			// error; the errno beneath, when wrapped, says more.
			if c := classifyErrno(err); c != Unknown {
				return c
			}
			return DiskIO
		case sqliteCorrupt, sqliteNotADB:
			return DBDamaged
		case sqliteCantOpen:
			if c := classifyErrno(err); c != Unknown {
				return c
			}
			return Permission
		}
	}
	if c := classifyErrno(err); c != Unknown {
		return c
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return Permission
	case errors.Is(err, fs.ErrNotExist):
		return NotFound
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return Truncated
	}
	return Unknown
}

// classifyErrno looks at the operating system's error number.
func classifyErrno(err error) Class {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return Unknown
	}
	if c, ok := osClasses[errno]; ok {
		return c
	}
	switch {
	case errors.Is(errno, fs.ErrPermission):
		return Permission
	case errors.Is(errno, fs.ErrNotExist):
		return NotFound
	}
	return Unknown
}

// Message returns what the clerk reads for err in lang: the error's own
// text when it can say itself, the class's text otherwise (with the file or
// folder concerned, when the error names one), and for an error of no known
// class a general sentence with the technical detail for whoever helps.
func Message(lang i18n.Lang, err error) string {
	if err == nil {
		return ""
	}
	var ex Explainer
	if errors.As(err, &ex) {
		return ex.Message(lang)
	}
	c := Classify(err)
	if c == Unknown {
		return i18n.T(lang, "failure.unknown", err.Error())
	}
	msg := i18n.T(lang, "failure."+string(c))
	if p := pathOf(err); p != "" && c != Cancelled && c != DBDamaged && c != DBBusy {
		msg += " " + i18n.T(lang, "failure.where", p)
	}
	return msg
}

// Known reports whether err has a message of its own or a class: whether
// Message says something better than the general sentence.
func Known(err error) bool {
	var ex Explainer
	return errors.As(err, &ex) || Classify(err) != Unknown
}

// pathOf returns the file or folder an error is about, if it names one. A
// hidden name (".schedule-123.xlsx", a temporary file beside an output) is
// nothing the clerk chose: its folder is named instead.
func pathOf(err error) string {
	p := ""
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		p = pe.Path
	case errors.As(err, &le):
		p = le.New
	}
	if p != "" && strings.HasPrefix(filepath.Base(p), ".") && len(filepath.Base(p)) > 1 {
		p = filepath.Dir(p)
	}
	return p
}
