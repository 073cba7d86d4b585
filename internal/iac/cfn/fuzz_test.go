package cfn

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
)

// FuzzParseCFN: any input yields a template or an error, and the rules run
// on any template, never a panic or
// a hang. Seeds are the rule examples and the realistic tree.
func FuzzParseCFN(f *testing.F) {
	for _, glob := range []string{"../rules/testdata/*/*.yaml", "../rules/testdata/*/*.json", "../../../examples/iac/*/*.yaml", "../../../examples/iac/*/*.json"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("a: &a [*a]\nResources: *a\n"))
	f.Add([]byte("Resources: !GetAtt\n"))
	f.Add([]byte("{\"Resources\": {\"R\": {\"Type\": 1}}}"))
	lim := model.DefaultLimits()
	lim.MaxNodes = 100_000
	f.Fuzz(func(t *testing.T, data []byte) {
		tpl, err := Parse("fuzz.yaml", data, lim)
		if err == nil && tpl == nil {
			t.Fatal("nil template without error")
		}
		if err == nil {
			rules.Run(rules.NewWorkspace([]*model.Template{tpl}, nil))
		}
	})
}
