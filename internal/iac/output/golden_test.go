package output_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/output"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
	"github.com/defaultsg/defaultsg/internal/iac/scan"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// scanExamples scans the realistic tree in examples/iac from the repository
// root, so that paths in the goldens are the ones a user sees.
func scanExamples(t *testing.T) *output.Report {
	t.Helper()
	t.Chdir("../../..")
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{"examples/iac"}, Limits: model.DefaultLimits()})
	if err != nil {
		t.Fatal(err)
	}
	return &output.Report{Result: res, Rules: rules.All(), ToolVersion: "test"}
}

func TestGoldens(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ format, file string }{
		{"text", "examples.txt"},
		{"json", "examples.json"},
		{"sarif", "examples.sarif"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			rep := scanExamples(t)
			w, err := output.New(tc.format)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := w.Write(&buf, rep); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, tc.file)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s output differs from %s (run go test ./internal/iac/output -update and review the diff)\n%s", tc.format, path, buf.String())
			}
		})
	}
}

// TestSARIFStructure checks what GitHub code scanning needs of SARIF 2.1.0.
func TestSARIFStructure(t *testing.T) {
	rep := scanExamples(t)
	var buf bytes.Buffer
	w, _ := output.New("sarif")
	if err := w.Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Kind      string `json:"kind"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("version %q schema %q runs %d", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	ids := map[string]int{}
	for i, r := range run.Tool.Driver.Rules {
		if r.ID == "" {
			t.Errorf("rule %d has no id", i)
		}
		ids[r.ID] = i
	}
	if run.Tool.Driver.Name != "defaultsg" || len(ids) != len(rules.All()) {
		t.Errorf("driver %q with %d rules", run.Tool.Driver.Name, len(ids))
	}
	if len(run.Results) == 0 {
		t.Fatal("no results for the examples")
	}
	levels := map[string]bool{"error": true, "warning": true, "note": true, "none": true}
	for _, r := range run.Results {
		idx, ok := ids[r.RuleID]
		switch {
		case !ok || idx != r.RuleIndex:
			t.Errorf("result rule %q index %d not in driver rules", r.RuleID, r.RuleIndex)
		case !levels[r.Level] || (r.Kind == "pass" || r.Kind == "informational") != (r.Level == "none"):
			t.Errorf("%s: level %q kind %q", r.RuleID, r.Level, r.Kind)
		case r.Message.Text == "" || len(r.Locations) != 1:
			t.Errorf("%s: message %q, %d locations", r.RuleID, r.Message.Text, len(r.Locations))
		default:
			pl := r.Locations[0].PhysicalLocation
			if pl.ArtifactLocation.URI == "" || filepath.IsAbs(pl.ArtifactLocation.URI) || pl.Region.StartLine < 1 || pl.Region.StartColumn < 1 {
				t.Errorf("%s: location %+v", r.RuleID, pl)
			}
		}
	}
}
