package e2e

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// volatile fields differ between runs and builds; goldens hold placeholders.
var volatile = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`"generated_at": "[^"]*"`), `"generated_at": "TIME"`},
	{regexp.MustCompile(`"tool_version": "[^"]*"`), `"tool_version": "VERSION"`},
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	for _, v := range volatile {
		got = v.re.ReplaceAllString(got, v.repl)
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./e2e -run Golden -update to create it)", err)
	}
	if string(want) != got {
		t.Fatalf("%s differs from the golden file (go test ./e2e -run Golden -update after checking):\n--- want\n%s\n--- got\n%s", name, want, got)
	}
}

// TestAuditGolden pins what a user sees for the example scenario: the table,
// CSV, Markdown and the versioned JSON report.
func TestAuditGolden(t *testing.T) {
	data, err := os.ReadFile("../scenarios/demo-like.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ep := startSim(t, string(data))
	for _, c := range []struct{ file, format string }{
		{"audit.table.golden", "table"},
		{"audit.json.golden", "json"},
		{"audit.csv.golden", "csv"},
		{"audit.md.golden", "markdown"},
	} {
		r := run(t, ep, "", nil, "audit", "-o", c.format)
		if r.Code != 3 && r.Code != 4 {
			t.Fatalf("%s: exit %d\n%s", c.format, r.Code, r.Stderr)
		}
		golden(t, c.file, r.Stdout)
	}
	r := run(t, ep, "", nil, "usage")
	golden(t, "usage.table.golden", r.Stdout)
	// One row per user, snake_case headers, no line break in a cell.
	r = run(t, ep, "", nil, "usage", "-o", "csv")
	golden(t, "usage.csv.golden", r.Stdout)
}
