package cdk

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// FuzzParseCDK feeds arbitrary bytes to every language's tokenizer and the
// analysis: they must not panic or report a position outside the file.
func FuzzParseCDK(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "rules", "testdata", "cdk", "*"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data, uint8(0))
		}
	}
	f.Add([]byte("x.vpcDefaultSecurityGroup).addIngressRule(((("), uint8(1))
	f.Add([]byte("\"\"\"\n''' vpc.vpc_default_security_group"), uint8(2))
	names := []string{"a.ts", "a.py", "A.java", "A.cs", "a.go", "a.js"}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		name := names[int(which)%len(names)]
		src, err := Parse(name, data, model.DefaultLimits(), true)
		if err != nil || src == nil {
			return
		}
		lines := 1
		for _, c := range data {
			if c == '\n' {
				lines++
			}
		}
		for _, u := range src.Uses {
			if u.Pos.Line < 1 || u.Pos.Line > lines || u.Pos.Col < 1 {
				t.Fatalf("%s: use at %v outside the file (%d lines)", name, u.Pos, lines)
			}
		}
	})
}
