package cli

import (
	"bytes"
	"context"
	"testing"
)

// run executes the command line and returns stdout, stderr and the exit status.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), code
}
