package cdk

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// tokKind is the little the analysis needs to know about a token.
type tokKind int

const (
	tIdent  tokKind = iota // identifiers and keywords
	tString                // string, character and template literals
	tPunct                 // punctuation and operators
	tOther                 // numbers, regular expressions, anything else
)

// tok is one significant token; comments and whitespace are dropped by the
// lexers. off is the byte offset of its first byte; line is filled in by
// finish.
type tok struct {
	kind tokKind
	text string
	off  int
	line int
}

// lines maps byte offsets to 1-based line and column (in characters).
type lines struct {
	src    []byte
	starts []int
}

func newLines(src []byte) *lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lines{src: src, starts: starts}
}

func (l *lines) at(off int) (line, col int) {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	off = min(off, len(l.src))
	return i + 1, utf8.RuneCount(l.src[l.starts[i]:off]) + 1
}

func (l *lines) finish(ts []tok) []tok {
	for i := range ts {
		ts[i].line, _ = l.at(ts[i].off)
	}
	return ts
}

// is reports whether t is the punctuation or identifier s.
func (t tok) is(s string) bool { return (t.kind == tPunct || t.kind == tIdent) && t.text == s }

// stringValue strips the quotes of a literal, roughly: only imports and
// module names are read from strings.
func stringValue(s string) string {
	return string(bytes.Trim([]byte(s), "\"'`@$"))
}
