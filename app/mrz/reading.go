package mrz

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Candidate is one possible character at one position of the zone.
type Candidate struct {
	Char byte `json:"char"`
	// Cost says how unlikely the reading is: 0 is certain, each unit is about
	// a factor e less likely (a negative log-likelihood, up to a constant).
	Cost float64 `json:"cost"`
}

// Reading is a zone as read: Lines[l][i] lists the candidates for position i
// of line l, cheapest first.
type Reading struct {
	Lines [][][]Candidate
}

// Text is the reading's best guess, one string per line, as read (before the
// grammar and check digits had their say).
func (r Reading) Text() []string {
	out := make([]string, len(r.Lines))
	for l, line := range r.Lines {
		b := make([]byte, len(line))
		for i, cs := range line {
			b[i] = '?'
			if len(cs) > 0 {
				b[i] = cs[0].Char
			}
		}
		out[l] = string(b)
	}
	return out
}

// ErrShape means the text does not have the shape of any MRZ: the wrong
// number of lines, or lines of the wrong length.
var ErrShape = errors.New("not the shape of a machine-readable zone")

// ShapeError says what shape the text had.
type ShapeError struct {
	Lengths []int // length of each line after clean-up
}

func (e *ShapeError) Error() string {
	return fmt.Sprintf("%v: line lengths %v (a passport has 2 lines of 44, an ID card 3 of 30 or 2 of 36)", ErrShape, e.Lengths)
}
func (e *ShapeError) Unwrap() error { return ErrShape }

// FromText makes a certain Reading from MRZ text typed or pasted by a
// person. Letters are upper-cased and spaces removed (an MRZ has none, but a
// copy from a PDF or an e-mail often adds some); the lines may also come as
// one string, split by newlines or run together (88, 90 or 72 characters).
func FromText(lines ...string) (Reading, error) {
	var clean []string
	for _, arg := range lines {
		for _, part := range strings.FieldsFunc(arg, func(r rune) bool { return r == '\n' || r == '\r' }) {
			s := strings.Map(func(r rune) rune {
				switch {
				case r == ' ' || r == '\t':
					return -1
				case r == '«' || r == '‹' || r == '＜':
					return '<'
				case r >= 'a' && r <= 'z':
					return r - 'a' + 'A'
				}
				return r
			}, part)
			if s != "" {
				clean = append(clean, s)
			}
		}
	}
	if len(clean) == 1 {
		s := clean[0]
		switch len(s) {
		case 88:
			clean = []string{s[:44], s[44:]}
		case 72:
			clean = []string{s[:36], s[36:]}
		case 90:
			clean = []string{s[:30], s[30:60], s[60:]}
		}
	}
	lengths := make([]int, len(clean))
	for i, s := range clean {
		lengths[i] = len([]rune(s))
	}
	if _, ok := formatOf(lengths); !ok {
		return Reading{}, &ShapeError{Lengths: lengths}
	}
	r := Reading{Lines: make([][][]Candidate, len(clean))}
	for l, s := range clean {
		r.Lines[l] = make([][]Candidate, 0, len(s))
		for _, ch := range s {
			c := byte('?')
			if ch < 0x80 {
				c = byte(ch)
			}
			r.Lines[l] = append(r.Lines[l], []Candidate{{Char: c}})
		}
	}
	return r, nil
}

// Format is the document's MRZ layout.
type Format string

const (
	TD1 Format = "TD1" // ID card: 3 lines of 30
	TD2 Format = "TD2" // 2 lines of 36
	TD3 Format = "TD3" // passport: 2 lines of 44
)

func formatOf(lengths []int) (Format, bool) {
	switch {
	case len(lengths) == 2 && lengths[0] == 44 && lengths[1] == 44:
		return TD3, true
	case len(lengths) == 2 && lengths[0] == 36 && lengths[1] == 36:
		return TD2, true
	case len(lengths) == 3 && lengths[0] == 30 && lengths[1] == 30 && lengths[2] == 30:
		return TD1, true
	}
	return "", false
}

// options lists the characters a position may hold by its class, cheapest
// first: the candidates the class allows, and for those it does not, their
// look-alikes that it does, at an extra cost. At most keep are kept.
func options(cs []Candidate, k class, t Tuning, keep int) []Candidate {
	var out []Candidate
	add := func(c byte, cost float64) {
		for i := range out {
			if out[i].Char == c {
				if cost < out[i].Cost {
					out[i].Cost = cost
				}
				return
			}
		}
		out = append(out, Candidate{Char: c, Cost: cost})
	}
	for _, c := range cs {
		if k.allows(c.Char) {
			add(c.Char, c.Cost)
			continue
		}
		for _, l := range lookAlike[c.Char] {
			if k.allows(l) {
				add(l, c.Cost+t.GrammarCost)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Cost < out[j].Cost })
	if len(out) > keep {
		out = out[:keep]
	}
	return out
}
