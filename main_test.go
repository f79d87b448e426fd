package main

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// Fyne parses the locale while its packages initialise and logs an error for
// values such as "POSIX.UTF-8" or "en_US@euro"; app/posixlocale must run
// first and rewrite them. That holds only while Go initialises it before
// fyne.io (by import-path order today), so a renamed module or a new import
// could silently undo it. The test binary links the same packages in the same
// order as the program, so a child run of it shows what a clerk's terminal
// would.
func TestLocaleValuesLeaveStderrQuiet(t *testing.T) {
	if os.Getenv("DOSSIER_LOCALE_CHILD") == "1" {
		return
	}
	for _, val := range []string{"C", "POSIX.UTF-8", "en_US@euro", "UTF-8", "c"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLocaleValuesLeaveStderrQuiet$")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cmd.Env = append(os.Environ(), "DOSSIER_LOCALE_CHILD=1", "LC_ALL="+val, "LC_MESSAGES="+val, "LANG="+val)
		if err := cmd.Run(); err != nil {
			t.Fatalf("LANG=%s: child run: %v\n%s", val, err, stderr.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("LANG=%s: stderr is not empty:\n%s", val, stderr.String())
		}
	}
}
