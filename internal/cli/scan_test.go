package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// runScan runs `scan args...` under a minimal root with the same flag-error
// mapping as the real one, and returns the exit code and streams.
func runScan(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	f := &Factory{IO: ios, Global: &GlobalOptions{}}
	root := &cobra.Command{Use: "defaultsg", SilenceUsage: true, SilenceErrors: true}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return exitcode.Usagef(err) })
	root.AddCommand(NewCmdScan(f, nil))
	root.SetArgs(append([]string{"scan"}, args...))
	root.SetOut(out)
	root.SetErr(errOut)
	err := root.ExecuteContext(context.Background())
	if err != nil {
		errOut.WriteString(err.Error())
	}
	return exitcode.Of(err), out.String(), errOut.String()
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	tfHigh = "resource \"aws_default_security_group\" \"d\" {\n  ingress {\n    protocol = -1\n    self = true\n    from_port = 0\n    to_port = 0\n  }\n}\n"
	tfLow  = "resource \"aws_instance\" \"web\" {\n  ami = \"ami-1\"\n}\n"
	tfPass = "resource \"aws_default_security_group\" \"d\" {\n  vpc_id = \"vpc-1\"\n}\n"
)

func TestScanExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		args  []string
		code  int
		out   string // substring of stdout
	}{
		{"clean", map[string]string{"main.tf": tfPass}, nil, exitcode.OK, "DSG006 info"},
		{"high fails at default medium", map[string]string{"main.tf": tfHigh}, nil, exitcode.NonCompliant, "DSG001 high"},
		{"low passes at default medium", map[string]string{"main.tf": tfLow}, nil, exitcode.OK, "DSG007 low"},
		{"low fails at --fail-on low", map[string]string{"main.tf": tfLow}, []string{"--fail-on", "low"}, exitcode.NonCompliant, "DSG007"},
		{"never", map[string]string{"main.tf": tfHigh}, []string{"--fail-on", "never"}, exitcode.OK, "DSG001"},
		{"parse error wins over findings", map[string]string{"main.tf": tfHigh, "broken.tf": "}"}, nil, exitcode.Incomplete, "broken.tf: error:"},
		{"excluded", map[string]string{"legacy/main.tf": tfHigh}, []string{"--exclude", "legacy"}, exitcode.OK, "0 files scanned"},
		{"too large", map[string]string{"main.tf": tfHigh}, []string{"--max-file-size", "10"}, exitcode.Incomplete, "--max-file-size"},
		{"bad output", nil, []string{"-o", "xml"}, exitcode.Usage, ""},
		{"bad fail-on", nil, []string{"--fail-on", "info"}, exitcode.Usage, ""},
		{"bad exclude", nil, []string{"--exclude", "[x"}, exitcode.Usage, ""},
		{"bad flag", nil, []string{"--nope"}, exitcode.Usage, ""},
		{"bad size", nil, []string{"--max-file-size", "0"}, exitcode.Usage, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, tc.files)
			code, out, errOut := runScan(t, append(tc.args, dir)...)
			if code != tc.code || !strings.Contains(out, tc.out) {
				t.Errorf("code %d, want %d; stdout:\n%s\nstderr:\n%s", code, tc.code, out, errOut)
			}
		})
	}
}

func TestScanMissingPathIsUsage(t *testing.T) {
	code, _, errOut := runScan(t, filepath.Join(t.TempDir(), "missing"))
	if code != exitcode.Usage || !strings.Contains(errOut, "no such file") {
		t.Errorf("code %d stderr %q", code, errOut)
	}
}

func TestScanJSONOnStdout(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": tfHigh})
	code, out, _ := runScan(t, "-o", "json", dir)
	var doc struct {
		Schema   string `json:"schema"`
		Findings []struct {
			RuleID string `json:"rule_id"`
			Line   int    `json:"line"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	if code != exitcode.NonCompliant || doc.Schema != "defaultsg.scan/v1" || len(doc.Findings) != 1 || doc.Findings[0].RuleID != "DSG001" || doc.Findings[0].Line != 2 {
		t.Errorf("code %d doc %+v", code, doc)
	}
}

func TestScanListRules(t *testing.T) {
	code, out, _ := runScan(t, "--list-rules")
	if code != exitcode.OK || !strings.Contains(out, "DSG001  high") || !strings.Contains(out, "DSG008") {
		t.Errorf("code %d out:\n%s", code, out)
	}
}
