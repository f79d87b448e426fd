package mrz

import (
	"context"
	"errors"
)

// The reader bounds one page by a budget of work, not by a clock: a page
// gives the same answer on any machine under any load, while a hostile
// picture (a page of gravel, a sheet of dots, ruled text that pairs up
// into thousands of zone candidates) is still stopped.
//
// A step is about one pixel's worth of work: a pixel read, binarized or
// resampled, a blob looked at as a neighbour, a pair of lines compared,
// and a template matched against a character's window counts as many
// steps as the template has cells. scripts/mrzeval reports the steps each
// page took (Scan.Work); workBudget is sized from that.
//
// Measured 2026-12-07 (docs/benchmarks.md): a page of the evaluation sets
// takes 70–110 million steps, most of them matching the zone's characters
// against the templates (about half a million steps a character, some 90
// of them, read both ways up); a page whose zone is not found at once
// takes up to 320 million, reading every zone candidate. The budget covers
// the most the reading can take by construction (maxZoneTries candidates
// in each of two directions, both ways up, every line read: 1.5 billion
// steps) with room to spare, so only the locator's search (a sheet of dots
// or of small print, where lines and their pairs multiply) or a picture of
// absurd size meets it, after a few seconds of CPU at most.
const workBudget = 2_000_000_000

// WorkBudget is workBudget, for the evaluation's report.
const WorkBudget = workBudget

// ErrBudget: the page holds more to search than any passport page does (a
// picture of noise, a sheet of small print), and the reader gave up on it.
// The same page always gives this answer.
var ErrBudget = errors.New("the page holds too much to search for a zone")

// ctxEvery is how many steps pass between looks at the context (the
// window's Cancel): often enough to stop within a few milliseconds.
const ctxEvery = 1 << 20

// work counts the steps spent on one page.
type work struct {
	ctx   context.Context
	limit int64
	spent int64
	tick  int64
	err   error // ErrBudget or the context's error once the work stopped
}

func newWork(ctx context.Context, limit int64) *work {
	return &work{ctx: ctx, limit: limit}
}

// spend takes n steps and reports whether the work may go on.
func (w *work) spend(n int) bool {
	if w.err != nil {
		return false
	}
	w.spent += int64(n)
	if w.spent > w.limit {
		w.err = ErrBudget
		return false
	}
	w.tick += int64(n)
	if w.tick >= ctxEvery {
		w.tick = 0
		if err := w.ctx.Err(); err != nil {
			w.err = err
			return false
		}
	}
	return true
}

// stopped reports whether the work ran out or was cancelled.
func (w *work) stopped() bool { return w.err != nil }
