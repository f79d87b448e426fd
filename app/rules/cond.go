package rules

import (
	"encoding/json"
	"fmt"
	"strings"

	"dossier/app/civil"
)

// Cond is a condition over the facts of a case, written in the rules file as
// JSON: {"fact":"age","lt":16}, {"all":[…]}, {"any":[…]}, {"not":{…}}.
// Comparisons: eq, ne, in (a list), lt, lte, gt, gte (numbers or dates) and
// set (whether a date or text fact is known). A fact whose value is unknown
// makes every comparison but "set":false fail, so a clause never applies on a
// guess.
type Cond struct {
	All  []*Cond `json:"all,omitempty"`
	Any  []*Cond `json:"any,omitempty"`
	Not  *Cond   `json:"not,omitempty"`
	Fact string  `json:"fact,omitempty"`

	Eq  json.RawMessage   `json:"eq,omitempty"`
	Ne  json.RawMessage   `json:"ne,omitempty"`
	In  []json.RawMessage `json:"in,omitempty"`
	Lt  json.RawMessage   `json:"lt,omitempty"`
	Lte json.RawMessage   `json:"lte,omitempty"`
	Gt  json.RawMessage   `json:"gt,omitempty"`
	Gte json.RawMessage   `json:"gte,omitempty"`
	Set *bool             `json:"set,omitempty"`
}

// factKind is the type of a fact's value.
type factKind int

const (
	kindString factKind = iota
	kindBool
	kindInt
	kindDate
)

// factKinds lists the facts conditions may use; Go computes them from the case
// (see facts.go). "item.<id>" facts give an earlier item's status.
var factKinds = map[string]factKind{
	"purpose":                  kindString,
	"kind":                     kindString,
	"channel":                  kindString,
	"citizenship":              kindString,
	"relation":                 kindString,
	"eaeu":                     kindBool,
	"minsk_convention":         kindBool,
	"owned_by_applicant":       kindBool,
	"fingerprinted":            kindBool,
	"age":                      kindInt,
	"owners":                   kindInt,
	"filing_date":              kindDate,
	"birth_date":               kindDate,
	"permit_issued":            kindDate,
	"permit_expires":           kindDate,
	"principal_permit_expires": kindDate,
	"sixteenth_birthday":       kindDate,
	"sixteen_deadline":         kindDate,
	"days_since_16":            kindInt,
}

func kindOf(fact string) (factKind, bool) {
	if strings.HasPrefix(fact, "item.") {
		return kindString, true
	}
	k, ok := factKinds[fact]
	return k, ok
}

// check validates the condition's shape and that "item.<id>" facts refer to
// items already decided (earlier in the list), so evaluation order is sound.
func (c *Cond) check(earlier map[string]bool) error {
	if c == nil {
		return nil
	}
	n := 0
	if c.All != nil {
		n++
	}
	if c.Any != nil {
		n++
	}
	if c.Not != nil {
		n++
	}
	if c.Fact != "" {
		n++
	}
	if n != 1 {
		return fmt.Errorf("a condition needs exactly one of fact, all, any, not")
	}
	for _, sub := range append(append([]*Cond{}, c.All...), c.Any...) {
		if err := sub.check(earlier); err != nil {
			return err
		}
	}
	if c.Not != nil {
		return c.Not.check(earlier)
	}
	if c.Fact == "" {
		return nil
	}
	kind, ok := kindOf(c.Fact)
	if !ok {
		return fmt.Errorf("unknown fact %q", c.Fact)
	}
	if id, isItem := strings.CutPrefix(c.Fact, "item."); isItem && !earlier[id] {
		return fmt.Errorf("fact %q refers to an item that is not listed before this one", c.Fact)
	}
	ops := 0
	for _, raw := range []json.RawMessage{c.Eq, c.Ne, c.Lt, c.Lte, c.Gt, c.Gte} {
		if raw != nil {
			ops++
			if _, err := literal(kind, raw); err != nil {
				return fmt.Errorf("fact %q: %v", c.Fact, err)
			}
		}
	}
	if c.In != nil {
		ops++
		for _, raw := range c.In {
			if _, err := literal(kind, raw); err != nil {
				return fmt.Errorf("fact %q: %v", c.Fact, err)
			}
		}
	}
	if c.Set != nil {
		ops++
	}
	if ops != 1 {
		return fmt.Errorf("fact %q needs exactly one comparison (eq, ne, in, lt, lte, gt, gte, set)", c.Fact)
	}
	if (c.Lt != nil || c.Lte != nil || c.Gt != nil || c.Gte != nil) && kind != kindInt && kind != kindDate {
		return fmt.Errorf("fact %q cannot be ordered: use eq, ne or in", c.Fact)
	}
	return nil
}

// literal decodes a comparison value of the fact's kind.
func literal(kind factKind, raw json.RawMessage) (any, error) {
	switch kind {
	case kindString:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("%s is not a string", raw)
		}
		return s, nil
	case kindBool:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, fmt.Errorf("%s is not true or false", raw)
		}
		return b, nil
	case kindInt:
		var n int
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, fmt.Errorf("%s is not a whole number", raw)
		}
		return n, nil
	default:
		var d civil.Date
		if err := json.Unmarshal(raw, &d); err != nil || d.IsZero() {
			return nil, fmt.Errorf("%s is not a date YYYY-MM-DD", raw)
		}
		return d, nil
	}
}

// eval decides the condition; a nil condition always holds.
func (c *Cond) eval(f facts) bool {
	if c == nil {
		return true
	}
	switch {
	case c.All != nil:
		for _, sub := range c.All {
			if !sub.eval(f) {
				return false
			}
		}
		return true
	case c.Any != nil:
		for _, sub := range c.Any {
			if sub.eval(f) {
				return true
			}
		}
		return false
	case c.Not != nil:
		return !c.Not.eval(f)
	}
	kind, _ := kindOf(c.Fact)
	val, known := f.get(c.Fact)
	if c.Set != nil {
		return known == *c.Set
	}
	if !known {
		return false
	}
	cmp := func(raw json.RawMessage) (int, bool) {
		lit, err := literal(kind, raw)
		if err != nil {
			return 0, false
		}
		return compare(val, lit)
	}
	test := func(raw json.RawMessage, ok func(int) bool) bool {
		r, comparable := cmp(raw)
		return comparable && ok(r)
	}
	switch {
	case c.Eq != nil:
		return test(c.Eq, func(r int) bool { return r == 0 })
	case c.Ne != nil:
		return test(c.Ne, func(r int) bool { return r != 0 })
	case c.Lt != nil:
		return test(c.Lt, func(r int) bool { return r < 0 })
	case c.Lte != nil:
		return test(c.Lte, func(r int) bool { return r <= 0 })
	case c.Gt != nil:
		return test(c.Gt, func(r int) bool { return r > 0 })
	case c.Gte != nil:
		return test(c.Gte, func(r int) bool { return r >= 0 })
	case c.In != nil:
		for _, raw := range c.In {
			if test(raw, func(r int) bool { return r == 0 }) {
				return true
			}
		}
	}
	return false
}

// compare orders two values of the same kind.
func compare(a, b any) (int, bool) {
	switch a := a.(type) {
	case string:
		b, ok := b.(string)
		return strings.Compare(a, b), ok
	case bool:
		b, ok := b.(bool)
		if a == b {
			return 0, ok
		}
		return 1, ok
	case int:
		b, ok := b.(int)
		switch {
		case a < b:
			return -1, ok
		case a > b:
			return 1, ok
		}
		return 0, ok
	case civil.Date:
		b, ok := b.(civil.Date)
		return a.Compare(b), ok
	}
	return 0, false
}
