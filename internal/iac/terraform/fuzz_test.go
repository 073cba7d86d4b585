package terraform

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
)

// FuzzParseTerraform: native and JSON syntax, and the rules on the result,
// never panic or hang. The first
// byte of the input picks the syntax so one corpus covers both.
func FuzzParseTerraform(f *testing.F) {
	for _, glob := range []string{"../rules/testdata/*/*.tf", "../../../examples/iac/*/*.tf", "../../../examples/iac/*/*.tf.json", "../../../examples/iac/*/modules/*/*.tf"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{"resource": {"aws_instance": {"a": {"vpc_security_group_ids": ["${var.x}"]}}}}`))
	f.Add([]byte("x = \"${\"${1}\"}\"\n"))
	lim := model.DefaultLimits()
	lim.MaxNodes = 100_000
	f.Fuzz(func(t *testing.T, data []byte) {
		path := "fuzz.tf"
		if len(data) > 0 && data[0] == '{' {
			path = "fuzz.tf.json"
		}
		file, err := Parse(path, data, lim)
		if err == nil && file == nil {
			t.Fatal("nil file without error")
		}
		if err == nil {
			rules.Run(rules.NewWorkspace(nil, []*model.TFFile{file}))
		}
	})
}
