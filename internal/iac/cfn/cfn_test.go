package cfn

import (
	"testing"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// TestShortFormsAndPositions: every spelling normalises to the long form
// and keeps the position of the value as written.
func TestShortFormsAndPositions(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		fn        string
		line, col int
		argKind   model.Kind
	}{
		{"short dotted", "Resources:\n  R:\n    Type: A::B::C\n    Properties:\n      P: !GetAtt Vpc.DefaultSecurityGroup\n", "Fn::GetAtt", 5, 10, model.Scalar},
		{"short list", "Resources:\n  R:\n    Type: A::B::C\n    Properties:\n      P: !GetAtt [Vpc, DefaultSecurityGroup]\n", "Fn::GetAtt", 5, 10, model.List},
		{"long block", "Resources:\n  R:\n    Type: A::B::C\n    Properties:\n      P:\n        Fn::GetAtt:\n          - Vpc\n          - DefaultSecurityGroup\n", "Fn::GetAtt", 6, 9, model.List},
		{"ref", "Resources:\n  R:\n    Type: A::B::C\n    Properties:\n      P: !Ref X\n", "Ref", 5, 10, model.Scalar},
		{"sub", "Resources:\n  R:\n    Type: A::B::C\n    Properties:\n      P: !Sub \"${Vpc.DefaultSecurityGroup}\"\n", "Fn::Sub", 5, 10, model.Scalar},
		{"json", "{\"Resources\": {\"R\": {\"Type\": \"A::B::C\", \"Properties\": {\n  \"P\": {\"Fn::GetAtt\": [\"Vpc\", \"DefaultSecurityGroup\"]}}}}}", "Fn::GetAtt", 2, 8, model.List},
		{"json unicode escapes", "{\"Resources\": {\"R\": {\"Type\": \"A::B::C\", \"Properties\": {\"D\": \"\\ud83d\\ude00é\", \"P\": {\"Ref\": \"X\"}}}}}", "Ref", 1, 83, model.Scalar},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tpl, err := Parse("t.yaml", []byte(tc.src), model.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			p := tpl.Resources[0].Properties.Get("P")
			fn, arg, ok := p.Intrinsic()
			if !ok || fn != tc.fn || arg.Kind != tc.argKind || p.Pos.Line != tc.line || p.Pos.Col != tc.col {
				t.Errorf("got %q kind %v at %d:%d (ok %v); want %q kind %v at %d:%d", fn, arg.Kind, p.Pos.Line, p.Pos.Col, ok, tc.fn, tc.argKind, tc.line, tc.col)
			}
		})
	}
}

func TestNotTemplate(t *testing.T) {
	for _, src := range []string{"", "apiVersion: v1\nkind: Pod\n", "{\"name\": \"pkg\"}", "- a\n- b\n", "Resources: {}\n"} {
		if _, err := Parse("x.yaml", []byte(src), model.DefaultLimits()); err != ErrNotTemplate {
			t.Errorf("%q: err = %v, want ErrNotTemplate", src, err)
		}
	}
}
