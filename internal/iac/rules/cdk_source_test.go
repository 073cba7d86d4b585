package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iac/cdk"
	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/rules"
)

// TestCDKSourceExamples runs testdata/cdk/*: CDK apps in each language.
// Every "expect: DSGnnn" comment must be matched by exactly one finding of
// that rule on that line and there must be no other finding; good files
// have none at all, although they mention every name in comments, strings,
// text blocks, verbatim strings and regular expressions.
func TestCDKSourceExamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "cdk", "*"))
	langs := map[string]bool{}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			lang, _ := cdk.LangOf(file)
			langs[lang] = true
			// Read as a file the scanner met outside a cdk.json tree: the
			// imports alone must identify the CDK app.
			src, err := cdk.Parse(file, data, model.DefaultLimits(), false)
			if err != nil || src == nil {
				t.Fatalf("parse: %v, %v", src, err)
			}
			w := rules.NewWorkspace(nil, nil)
			w.Sources = []*model.SourceFile{src}
			var got []string
			for _, f := range rules.Run(w) {
				got = append(got, fmt.Sprintf("%s:%d", f.RuleID, f.Pos.Line))
			}
			var want []string
			for _, id := range []string{"DSG001", "DSG002", "DSG003", "DSG004", "DSG005", "DSG010"} {
				for _, line := range markers(data, id) {
					want = append(want, fmt.Sprintf("%s:%d", id, line))
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("findings %v\nwant     %v", got, want)
			}
			if strings.HasPrefix(strings.ToLower(filepath.Base(file)), "bad") != (len(want) > 0) {
				t.Errorf("bad files need expect markers, good files none")
			}
		})
	}
	for _, l := range []string{"typescript", "javascript", "python", "java", "csharp", "go"} {
		if !langs[l] {
			t.Errorf("no example in %s", l)
		}
	}
}

// TestCDKSourceNotAnApp: the same code without CDK imports (and outside a
// cdk.json tree) is not read as a CDK app.
func TestCDKSourceNotAnApp(t *testing.T) {
	src := []byte("import * as pulumi from '@pulumi/aws';\nconst ids = [vpc.vpcDefaultSecurityGroup];\n")
	got, err := cdk.Parse("index.ts", src, model.DefaultLimits(), false)
	if err != nil || got != nil {
		t.Fatalf("got %v, %v; want nil (not a CDK app)", got, err)
	}
	got, err = cdk.Parse("index.ts", src, model.DefaultLimits(), true)
	if err != nil || got == nil || len(got.Uses) != 1 {
		t.Fatalf("under cdk.json: %+v, %v", got, err)
	}
	if p := got.Uses[0].Pos; p.Line != 2 || p.Col != 14 {
		t.Errorf("position %v, want 2:14", p)
	}
}
