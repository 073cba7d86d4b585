package cdk

import (
	"strings"
	"text/scanner"
)

// lexText tokenizes Java, C# and Python with text/scanner, whose C-like
// defaults (// and /* */ comments, "..." strings with escapes, '...'
// literals) fit Java and C#. The few forms it does not know are finished
// by hand so that their contents are never read as code: Java text blocks
// and C# raw strings ("""..."""), C# verbatim strings (@"..."), and for
// Python "#" comments and triple-quoted strings (”'...”', """...""").
func lexText(src []byte, lang string) []tok {
	var s scanner.Scanner
	s.Init(strings.NewReader(string(src)))
	s.Mode = scanner.ScanIdents | scanner.ScanInts | scanner.ScanFloats | scanner.ScanStrings | scanner.ScanChars
	if lang != langPython {
		s.Mode |= scanner.ScanComments | scanner.SkipComments
	}
	s.Error = func(*scanner.Scanner, string) {}
	python := lang == langPython
	var out []tok
	for {
		r := s.Scan()
		if r == scanner.EOF {
			return out
		}
		off := s.Position.Offset
		text := s.TokenText()
		switch {
		case python && r == '#':
			for c := s.Peek(); c != '\n' && c != scanner.EOF; c = s.Peek() {
				s.Next()
			}
			continue
		case (r == scanner.String && text == `""` && s.Peek() == '"') || (python && r == scanner.Char && text == "''" && s.Peek() == '\''):
			s.Next()
			skipTriple(&s, rune(text[0]))
			out = append(out, tok{kind: tString, text: `"""`, off: off})
			continue
		case lang == langCSharp && r == '@' && s.Peek() == '"':
			s.Next()
			skipVerbatim(&s)
			out = append(out, tok{kind: tString, text: `@""`, off: off})
			continue
		}
		t := tok{text: text, off: off}
		switch r {
		case scanner.Ident:
			t.kind = tIdent
		case scanner.String, scanner.Char, scanner.RawString:
			t.kind = tString
		case scanner.Int, scanner.Float:
			t.kind = tOther
		default:
			t.kind = tPunct
			// Join the two-character operators the analysis looks at.
			if (r == '=' || r == '!' || r == '<' || r == '>') && s.Peek() == '=' {
				s.Next()
				t.text += "="
			} else if r == '-' && s.Peek() == '>' {
				s.Next()
				t.text = "->"
			}
		}
		out = append(out, t)
	}
}

// skipTriple consumes up to and including three closing quotes q.
func skipTriple(s *scanner.Scanner, q rune) {
	run := 0
	for c := s.Next(); c != scanner.EOF; c = s.Next() {
		switch {
		case c == '\\' && q == '\'' || c == '\\' && q == '"':
			s.Next()
			run = 0
		case c == q:
			run++
			if run == 3 {
				return
			}
		default:
			run = 0
		}
	}
}

// skipVerbatim consumes a C# verbatim string after its opening quote:
// backslashes are literal and "" is an escaped quote.
func skipVerbatim(s *scanner.Scanner) {
	for c := s.Next(); c != scanner.EOF; c = s.Next() {
		if c == '"' {
			if s.Peek() != '"' {
				return
			}
			s.Next()
		}
	}
}
