package terraform

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

func TestParseRefsAndConstants(t *testing.T) {
	for _, tc := range []struct {
		name, path, src string
		refs            []string
		single, known   bool
		embedded        bool
	}{
		{"bare ref", "a.tf", `x = aws_vpc.main.default_security_group_id`, []string{"aws_vpc.main.default_security_group_id"}, true, false, false},
		{"indexed ref", "a.tf", `x = aws_vpc.main[0].default_security_group_id`, []string{"aws_vpc.main.default_security_group_id"}, true, false, false},
		{"in list", "a.tf", `x = [local.a, var.b]`, []string{"local.a", "var.b"}, false, false, false},
		{"in function", "a.tf", `x = try(module.vpc.default_security_group_id, null)`, []string{"module.vpc.default_security_group_id"}, false, false, false},
		{"template wrap", "a.tf", `x = "${var.sg}"`, []string{"var.sg"}, true, false, false},
		{"embedded", "a.tf", `x = "arn:aws:ec2:*:*:security-group/${var.sg}"`, []string{"var.sg"}, false, false, true},
		{"constant list", "a.tf", `x = []`, nil, false, true, false},
		{"json single", "a.tf.json", `{"x": "${var.sg}"}`, []string{"var.sg"}, true, false, false},
		{"json embedded", "a.tf.json", `{"x": "sg/${var.sg}"}`, []string{"var.sg"}, false, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.src
			if strings.HasSuffix(tc.path, ".json") {
				src = `{"locals": ` + src + `}`
			} else {
				src = "locals {\n  " + src + "\n}\n"
			}
			f, err := Parse(tc.path, []byte(src), model.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			e := f.Blocks[0].Attr("x").Expr
			var refs []string
			embedded := false
			for _, r := range e.Refs {
				refs = append(refs, strings.Join(r.Parts, "."))
				embedded = embedded || r.Embedded
			}
			if !slices.Equal(refs, tc.refs) || e.Single != tc.single || e.Known != tc.known || embedded != tc.embedded {
				t.Errorf("refs %v single %v known %v embedded %v", refs, e.Single, e.Known, embedded)
			}
		})
	}
}

func TestHostileInput(t *testing.T) {
	for _, tc := range []struct{ name, path, src string }{
		{"deep brackets", "a.tf", "x = " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)},
		{"deep blocks", "a.tf", strings.Repeat("a {\n", 5000) + strings.Repeat("}\n", 5000)},
		{"unary run", "a.tf", "x = " + strings.Repeat("!", 1_000_000) + "true\n"},
		{"ternary chain", "a.tf", "x = " + strings.Repeat("a ? b : ", 100_000) + "c\n"},
		{"deep templates", "a.tf", "x = " + strings.Repeat("\"${", 50_000) + "1" + strings.Repeat("}\"", 50_000)},
		{"deep json", "a.tf.json", strings.Repeat("{\"a\":", 100_000) + "1" + strings.Repeat("}", 100_000)},
		{"invalid utf-8", "a.tf", "x = \"\xff\"\n"},
		{"syntax error", "a.tf", "resource \"a\" \"b\" {\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse(tc.path, []byte(tc.src), model.DefaultLimits())
			if err == nil {
				t.Fatal("no error")
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			t.Log(err, errors.Is(err, model.ErrTooComplex))
		})
	}
}
