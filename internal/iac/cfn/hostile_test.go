package cfn

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// billionLaughs builds the classic alias bomb: each level references the
// previous one ten times, so expansion would be 10^levels values.
func billionLaughs(levels int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < levels; i++ {
		p := "*a" + string(rune('0'+i-1))
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [" + strings.Repeat(p+", ", 9) + p + "]\n")
	}
	b.WriteString("Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties: *a" + string(rune('0'+levels-1)) + "\n")
	return b.String()
}

func TestHostileInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		input string
	}{
		{"alias bomb", billionLaughs(9)},
		{"deep flow nesting", "Resources: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n"},
		{"deep json nesting", "{\"Resources\": " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "}"},
		{"deep block sequences", "Resources:\n  R:\n    " + strings.Repeat("- ", 200_000) + "x\n"},
		{"deep block maps", "Resources:\n" + deepMaps(2000)},
		{"invalid utf-8", "Resources:\n  R: \xc3\x28\n"},
		{"utf-16", "\xff\xfeR\x00e\x00"},
		{"huge", "Resources: {}\n#" + strings.Repeat("x", 11<<20)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse("hostile.yaml", []byte(tc.input), model.DefaultLimits())
			if err == nil || errors.Is(err, ErrNotTemplate) {
				t.Fatalf("err = %v, want a parse error", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			t.Logf("%v", err)
		})
	}
}

func deepMaps(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i+2) + "k:\n")
	}
	return b.String()
}
