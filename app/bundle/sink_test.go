package bundle

import (
	"io"
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A background flush that fails is reported by wait: the kernel tells only
// the first fsync after a failed write-back, so the final fsync may not.
// A pipe takes writes but cannot be synced, which makes every flush fail.
func TestSinkReportsFailedBackgroundSync(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("fsync of a pipe fails on Linux")
	}
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	drained := make(chan error, 1)
	go func() { _, err := io.Copy(io.Discard, r); drained <- err }()

	s := newSink(w)
	block := make([]byte, 1<<20)
	for range syncEvery/len(block) + 1 {
		_, err := s.Write(block)
		require.NoError(t, err)
	}
	assert.Error(t, s.wait(), "the failed flush is not lost")
	require.NoError(t, w.Close())
	require.NoError(t, <-drained)
}
