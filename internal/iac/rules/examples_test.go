package rules_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iac/cdk"
	"github.com/defaultsg/defaultsg/internal/iac/cfn"
	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
	"github.com/defaultsg/defaultsg/internal/iac/terraform"
)

var expectMarker = regexp.MustCompile(`expect: (DSG\d{3})`)

// TestRuleExamples runs testdata/<RULE-ID>/{good,bad}.*, the same files the
// docs show. A file with "expect: DSGnnn" comments must produce exactly
// those findings of its rule on exactly those lines. Without markers, a bad
// file must produce at least one finding and a good file none; for the
// pass rule (DSG006) it is the other way round. CDK app source files
// (.ts, .py, .java, .cs, .go, ...) are read as if they sat in a CDK app.
func TestRuleExamples(t *testing.T) {
	for _, r := range rules.All() {
		if r.Check == nil {
			continue
		}
		files, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*"))
		if !slices.ContainsFunc(files, isGood) || !slices.ContainsFunc(files, isBad) {
			t.Errorf("%s: needs good and bad examples in testdata/%s, have %v", r.ID, r.ID, files)
		}
		for _, file := range files {
			t.Run(filepath.ToSlash(file), func(t *testing.T) {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				got := linesOf(findingsFor(t, file, data), r.ID)
				want := markers(data, r.ID)
				switch {
				case len(want) > 0:
					if !slices.Equal(got, want) {
						t.Errorf("%s lines = %v, want %v", r.ID, got, want)
					}
				case isBad(file) == !rules.IsPass(r.ID):
					if len(got) == 0 {
						t.Errorf("%s: no finding, want at least one", r.ID)
					}
				default:
					if len(got) != 0 {
						t.Errorf("%s: findings on lines %v, want none", r.ID, got)
					}
				}
			})
		}
	}
}

func isGood(f string) bool { return strings.HasPrefix(filepath.Base(f), "good") }
func isBad(f string) bool  { return strings.HasPrefix(filepath.Base(f), "bad") }

func findingsFor(t *testing.T, file string, data []byte) []model.Finding {
	t.Helper()
	lim := model.DefaultLimits()
	var w *rules.Workspace
	if _, ok := cdk.LangOf(file); ok {
		src, err := cdk.Parse(file, data, lim, true)
		if err != nil {
			t.Fatal(err)
		}
		w = rules.NewWorkspace(nil, nil)
		w.Sources = []*model.SourceFile{src}
	} else if strings.HasSuffix(file, ".tf") || strings.HasSuffix(file, ".tf.json") {
		f, err := terraform.Parse(file, data, lim)
		if err != nil {
			t.Fatal(err)
		}
		w = rules.NewWorkspace(nil, []*model.TFFile{f})
	} else {
		tpl, err := cfn.Parse(file, data, lim)
		if err != nil {
			t.Fatal(err)
		}
		w = rules.NewWorkspace([]*model.Template{tpl}, nil)
	}
	return rules.Run(w)
}

func linesOf(fs []model.Finding, id string) []int {
	var lines []int
	for _, f := range fs {
		if f.RuleID == id {
			lines = append(lines, f.Pos.Line)
		}
	}
	slices.Sort(lines)
	return lines
}

func markers(data []byte, id string) []int {
	var lines []int
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		for _, m := range expectMarker.FindAllStringSubmatch(sc.Text(), -1) {
			if m[1] == id {
				lines = append(lines, n)
			}
		}
	}
	return lines
}
