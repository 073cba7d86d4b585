package cdk

import (
	"io"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// lexJS tokenizes TypeScript and JavaScript with tdewolff/parse's ECMAScript
// lexer. TypeScript's extra syntax (annotations, generics, decorators) lexes
// as ordinary punctuation and identifiers, which is all the analysis needs.
// The lexer leaves "/" ambiguous; it is a regular expression where an
// operand is expected.
func lexJS(src []byte) (out []tok) {
	buf := make([]byte, len(src), len(src)+1)
	copy(buf, src)
	in := parse.NewInputBytes(buf)
	l := js.NewLexer(in)
	operand := true // a regular expression may start here
	for {
		tt, text := l.Next()
		end := in.Offset()
		switch tt {
		case js.ErrorToken:
			// An error token that ends at or past the end of the input is
			// the last: tdewolff/parse v2.8.20 reports a "#" at the very end
			// of its input with an offset past it, and lexing on from there
			// reads past its buffer (found by FuzzParseCDK; the input is in
			// testdata/fuzz).
			if l.Err() == io.EOF || len(text) == 0 || end >= len(src) {
				return out
			}
			continue // the lexer skips the offending character
		case js.WhitespaceToken, js.LineTerminatorToken, js.CommentToken, js.CommentLineTerminatorToken:
			continue
		case js.DivToken, js.DivEqToken:
			if operand {
				tt, text = l.RegExp()
				end = in.Offset()
				if tt == js.ErrorToken {
					return out
				}
			}
		}
		t := tok{text: string(text), off: end - len(text)}
		switch {
		case tt == js.StringToken || tt == js.TemplateToken || tt == js.TemplateStartToken ||
			tt == js.TemplateMiddleToken || tt == js.TemplateEndToken:
			t.kind = tString
		case tt == js.RegExpToken || js.IsNumeric(tt):
			t.kind = tOther
		case js.IsPunctuator(tt) || js.IsOperator(tt):
			t.kind = tPunct
		default:
			t.kind = tIdent
		}
		// After an operand (name, literal, closing bracket) "/" divides.
		operand = !(t.kind == tIdent && !js.IsReservedWord(tt) || tt == js.ThisToken ||
			t.kind == tString && tt != js.TemplateStartToken && tt != js.TemplateMiddleToken ||
			t.kind == tOther || t.text == ")" || t.text == "]" || t.text == "}")
		out = append(out, t)
	}
}
