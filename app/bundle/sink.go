package bundle

import (
	"os"
	"sync"
)

// A merged package is a hundred megabytes or more written in one go, and
// the fsync that makes it durable before the swap used to start only when
// the writing ended, so the disk idled while pdfcpu worked and pdfcpu's
// goroutine idled while the disk caught up. A sink starts an fsync on
// another goroutine every syncEvery bytes: the disk takes the data while the
// rest is being produced, and the final fsync has only the tail to flush.
const syncEvery = 16 << 20

type sink struct {
	f        *os.File
	n        int64
	lastSync int64 // n when the last background flush started
	busy     chan struct{}
	syncing  sync.WaitGroup
	mu       sync.Mutex
	// syncErr is the first background flush's failure. It must be kept:
	// the kernel reports a failed write-back once, to the first fsync
	// after it, so the final fsync (on this handle or a new one) may
	// succeed over data that never reached the disk.
	syncErr error
}

func newSink(f *os.File) *sink {
	return &sink{f: f, busy: make(chan struct{}, 1)}
}

// Write writes p to the file, counting the bytes.
func (s *sink) Write(p []byte) (int, error) {
	n, err := s.f.Write(p)
	s.n += int64(n)
	if err == nil && s.n-s.lastSync >= syncEvery {
		s.flushBehind()
	}
	return n, err
}

// flushBehind starts an fsync on another goroutine unless one is running
// (a later Write starts the next one).
func (s *sink) flushBehind() {
	select {
	case s.busy <- struct{}{}:
	default:
		return
	}
	s.lastSync = s.n
	s.syncing.Add(1)
	go func() {
		defer s.syncing.Done()
		if err := s.f.Sync(); err != nil {
			s.mu.Lock()
			if s.syncErr == nil {
				s.syncErr = err
			}
			s.mu.Unlock()
		}
		<-s.busy
	}()
}

// wait returns when no background flush is using the file any more, with
// the first one's failure; call it before the file is synced for the last
// time and closed.
func (s *sink) wait() error {
	s.syncing.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.syncErr
}
