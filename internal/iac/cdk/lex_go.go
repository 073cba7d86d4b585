package cdk

import (
	"go/scanner"
	"go/token"
)

// lexGo tokenizes Go with the standard library's scanner; comments are not
// requested, and the automatic semicolons it inserts are dropped (the
// analysis ends statements at line breaks itself).
func lexGo(src []byte) []tok {
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	var s scanner.Scanner
	s.Init(file, src, func(token.Position, string) {}, 0)
	var out []tok
	for {
		pos, tk, lit := s.Scan()
		if tk == token.EOF {
			return out
		}
		if tk == token.SEMICOLON && lit == "\n" {
			continue
		}
		t := tok{off: file.Offset(pos), text: lit}
		switch {
		case tk == token.IDENT || tk.IsKeyword():
			t.kind = tIdent
			if t.text == "" {
				t.text = tk.String()
			}
		case tk == token.STRING || tk == token.CHAR:
			t.kind = tString
		case tk.IsOperator():
			t.kind, t.text = tPunct, tk.String()
		default:
			t.kind = tOther
		}
		out = append(out, t)
	}
}
