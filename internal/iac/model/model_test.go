package model

import (
	"errors"
	"strings"
	"testing"
)

func TestParseSeverity(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Severity
		err  bool
	}{
		{"info", Info, false}, {"LOW", Low, false}, {"medium", Medium, false}, {"high", High, false},
		{"critical", Info, true}, {"", Info, true},
	} {
		got, err := ParseSeverity(tc.in)
		if got != tc.want || (err != nil) != tc.err {
			t.Errorf("ParseSeverity(%q) = %v, %v", tc.in, got, err)
		}
		if err == nil && got.String() != strings.ToLower(tc.in) {
			t.Errorf("%v.String() = %q", got, got.String())
		}
	}
}

func TestPrecheck(t *testing.T) {
	lim := Limits{MaxBytes: 100, MaxDepth: 2}
	for _, tc := range []struct {
		name, in  string
		complex   bool
		wantError bool
	}{
		{"ok", "a: [b, {c: d}]", false, false},
		{"too large", strings.Repeat("a", 101), true, true},
		{"too deep", strings.Repeat("[", 9), true, true},
		{"unbalanced closers do not underflow", strings.Repeat("]", 50) + "[[", false, false},
		{"invalid utf-8", "a\n\xff", false, true},
	} {
		err := Precheck([]byte(tc.in), lim)
		if (err != nil) != tc.wantError || errors.Is(err, ErrTooComplex) != tc.complex {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
}

func TestFindingOrder(t *testing.T) {
	a := Finding{RuleID: "DSG002", Pos: Pos{File: "a.tf", Line: 2, Col: 1}}
	b := Finding{RuleID: "DSG001", Pos: Pos{File: "a.tf", Line: 2, Col: 3}}
	c := Finding{RuleID: "DSG001", Pos: Pos{File: "b.tf", Line: 1, Col: 1}}
	if !a.Less(b) || !b.Less(c) || c.Less(a) {
		t.Error("findings not ordered by file, line, column")
	}
}
