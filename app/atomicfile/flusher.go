package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"sync"
)

// Flusher makes finished files durable in the background. An fsync mostly
// waits for the disk, and a package has a file per document: synced one
// after another on the writing goroutine, they cost as much time as the
// writing. Here they overlap the writing of the next files, a few at once.
type Flusher struct {
	wg   sync.WaitGroup
	sem  chan struct{}
	mu   sync.Mutex
	errs []error
}

// NewFlusher makes a Flusher that syncs up to four files at once.
func NewFlusher() *Flusher { return &Flusher{sem: make(chan struct{}, 4)} }

// Sync queues path for an fsync. The file is opened for writing because
// Windows flushes only through a handle that may write.
func (fl *Flusher) Sync(path string) {
	fl.wg.Add(1)
	go func() {
		defer fl.wg.Done()
		fl.sem <- struct{}{}
		defer func() { <-fl.sem }()
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err == nil {
			err = f.Sync()
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fl.mu.Lock()
			fl.errs = append(fl.errs, fmt.Errorf("sync %s: %w", path, err))
			fl.mu.Unlock()
		}
	}()
}

// Wait returns when every queued file is on disk, with the failures.
func (fl *Flusher) Wait() error {
	fl.wg.Wait()
	fl.mu.Lock()
	defer fl.mu.Unlock()
	return errors.Join(fl.errs...)
}
