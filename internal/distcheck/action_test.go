package distcheck

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/defaultsg/defaultsg/internal/cli"
	"github.com/defaultsg/defaultsg/internal/iac/output"
	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// action is the part of action.yml (GitHub's action metadata) checked here.
type action struct {
	Name        string
	Description string
	Inputs      map[string]struct {
		Description string
		Required    bool
		Default     *string
	}
	Outputs map[string]struct {
		Description string
		Value       string
	}
	Runs struct {
		Using string
		Steps []step
	}
}

type step struct {
	Name  string
	ID    string
	If    string
	Shell string
	Run   string
	Uses  string
	Env   map[string]string
	With  map[string]string
}

func loadAction(t *testing.T) *action {
	t.Helper()
	var a action
	if err := yaml.Unmarshal([]byte(readFile(t, "action.yml")), &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a
}

func (a *action) step(t *testing.T, id string) step {
	t.Helper()
	for _, s := range a.Runs.Steps {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("action.yml has no step with id %q", id)
	return step{}
}

func (a *action) stepNamed(t *testing.T, prefix string) step {
	t.Helper()
	for _, s := range a.Runs.Steps {
		if strings.HasPrefix(s.Name, prefix) {
			return s
		}
	}
	t.Fatalf("action.yml has no step named %q…", prefix)
	return step{}
}

// scanCommand is the `scan` command of the real command tree.
func scanCommand(t *testing.T) *cobra.Command {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	cmd, _, err := cli.NewRootCmd(cli.NewFactory(ios)).Find([]string{"scan"})
	if err != nil || cmd.Name() != "scan" {
		t.Fatalf("no scan command in the CLI: %v", err)
	}
	return cmd
}

var (
	exprRe     = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)
	inputRe    = regexp.MustCompile(`\binputs\.([A-Za-z0-9_-]+)`)
	stepOutRe  = regexp.MustCompile(`\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)`)
	outputLine = regexp.MustCompile(`echo "([A-Za-z0-9_-]+)=[^"]*" >> "\$GITHUB_OUTPUT"`)
)

func TestActionMetadata(t *testing.T) {
	a := loadAction(t)
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml needs name and description")
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	if len(a.Runs.Steps) == 0 {
		t.Fatal("action.yml has no steps")
	}
	for name, in := range a.Inputs {
		if in.Description == "" {
			t.Errorf("input %q has no description", name)
		}
	}
	for name, out := range a.Outputs {
		if out.Description == "" || out.Value == "" {
			t.Errorf("output %q needs description and value", name)
		}
	}

	// Every expression names a declared input or an output a step writes.
	written := map[string]bool{} // "id.name"
	for _, s := range a.Runs.Steps {
		for _, m := range outputLine.FindAllStringSubmatch(s.Run, -1) {
			written[s.ID+"."+m[1]] = true
		}
	}
	used := map[string]bool{}
	check := func(where, text string) {
		for _, m := range inputRe.FindAllStringSubmatch(text, -1) {
			used[m[1]] = true
			if _, ok := a.Inputs[m[1]]; !ok {
				t.Errorf("%s uses inputs.%s, which is not declared", where, m[1])
			}
		}
		for _, m := range stepOutRe.FindAllStringSubmatch(text, -1) {
			if !written[m[1]+"."+m[2]] {
				t.Errorf("%s uses steps.%s.outputs.%s, which no step writes", where, m[1], m[2])
			}
		}
	}
	for name, out := range a.Outputs {
		check("output "+name, out.Value)
	}
	for _, s := range a.Runs.Steps {
		where := "step " + s.Name
		if (s.Run == "") == (s.Uses == "") {
			t.Errorf("%s: needs exactly one of run and uses", where)
		}
		if s.Run != "" && s.Shell == "" {
			t.Errorf("%s: a composite run step needs shell", where)
		}
		// Expressions in a script are pasted into it before the shell
		// reads it: an input could inject commands. Inputs go through env.
		if strings.Contains(s.Run, "${{") {
			t.Errorf("%s: run uses ${{ }}; pass the value through env", where)
		}
		if s.Uses != "" && !regexp.MustCompile(`^[\w.-]+/[\w./-]+@\S+$`).MatchString(s.Uses) {
			t.Errorf("%s: uses %q is not owner/repo@ref", where, s.Uses)
		}
		check(where+" if", s.If)
		for k, v := range s.Env {
			check(where+" env "+k, v)
		}
		for k, v := range s.With {
			check(where+" with "+k, v)
		}
	}
	for name := range a.Inputs {
		if !used[name] {
			t.Errorf("input %q is declared but no step uses it", name)
		}
	}
}

// scanLine is the `defaultsg scan …` command line of the scan step, in words.
func scanLine(t *testing.T, s step) []string {
	t.Helper()
	for _, line := range strings.Split(s.Run, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "defaultsg scan ") {
			continue
		}
		line, _, _ = strings.Cut(line, "||")
		var words []string
		for _, w := range strings.Fields(line) {
			words = append(words, strings.Trim(w, `"`))
		}
		return words[2:]
	}
	t.Fatal("the scan step does not run `defaultsg scan`")
	return nil
}

// TestActionScanFlags checks each flag the action passes to `defaultsg scan`
// against the real command, and that the report it asks for is the SARIF
// file the upload step sends.
func TestActionScanFlags(t *testing.T) {
	a := loadAction(t)
	s := a.step(t, "scan")
	cmd := scanCommand(t)
	values := map[string]string{}
	words := scanLine(t, s)
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w == "--" {
			break
		}
		if !strings.HasPrefix(w, "-") {
			continue
		}
		name := strings.TrimLeft(w, "-")
		f := cmd.Flags().Lookup(name)
		if len(name) == 1 {
			f = cmd.Flags().ShorthandLookup(name)
		}
		if f == nil {
			t.Errorf("action.yml passes %s, which `defaultsg scan` does not have", w)
			continue
		}
		if f.Value.Type() != "bool" && i+1 < len(words) {
			i++
			values[f.Name] = words[i]
		}
	}
	if got := values["output"]; got != "sarif" || !slices.Contains(output.Formats(), got) {
		t.Errorf("--output %q: want sarif, one of %v", got, output.Formats())
	}
	outVar, ok := strings.CutPrefix(values["out"], "$")
	if !ok {
		t.Fatalf("--out %q: want an environment variable", values["out"])
	}
	if got := s.Env[outVar]; got != "${{ inputs.sarif-file }}" {
		t.Errorf("--out is $%s = %q, want the sarif-file input", outVar, got)
	}
	if !strings.Contains(s.Run, `"sarif-file=$`+outVar+`"`) {
		t.Errorf("the scan step does not report $%s as its sarif-file output", outVar)
	}
	if failVar, _ := strings.CutPrefix(values["fail-on"], "$"); s.Env[failVar] != "${{ inputs.fail-on }}" {
		t.Errorf("--fail-on is %q, want the fail-on input", values["fail-on"])
	}
	up := a.stepNamed(t, "Upload SARIF")
	if !strings.HasPrefix(up.Uses, "github/codeql-action/upload-sarif@") {
		t.Errorf("upload step uses %q, want github/codeql-action/upload-sarif", up.Uses)
	}
	if up.With["sarif_file"] != "${{ steps.scan.outputs.sarif-file }}" {
		t.Errorf("upload step sends %q, want the scan step's sarif-file", up.With["sarif_file"])
	}
	// The inputs' defaults are values the command accepts.
	if def := a.Inputs["fail-on"].Default; def == nil || !slices.Contains([]string{"low", "medium", "high", "never"}, *def) {
		t.Errorf("fail-on default %v is not a --fail-on value", def)
	} else if *def != cmd.Flags().Lookup("fail-on").DefValue {
		t.Errorf("fail-on default %q differs from the CLI's %q", *def, cmd.Flags().Lookup("fail-on").DefValue)
	}
}

// stepRun is what one run step did.
type stepRun struct {
	code    int
	outputs map[string]string // written to $GITHUB_OUTPUT
	path    []string          // added to $GITHUB_PATH
	log     string            // stdout and stderr
}

// runStep runs a run step of action.yml in bash as a runner would: env
// expressions expanded from inputs (defaults overridden by with) and earlier
// step outputs, defaultsg (this test binary) on PATH, plus extraEnv.
func runStep(t *testing.T, a *action, s step, dir string, with, stepOutputs map[string]string, extraEnv ...string) stepRun {
	t.Helper()
	files := t.TempDir()
	ghOut, ghPath := filepath.Join(files, "github_output"), filepath.Join(files, "github_path")
	for _, f := range []string{ghOut, ghPath} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(),
		"PATH="+onPath(t)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GITHUB_OUTPUT="+ghOut, "GITHUB_PATH="+ghPath, "RUNNER_TEMP="+t.TempDir())
	for k, v := range s.Env {
		env = append(env, k+"="+expand(t, a, v, with, stepOutputs))
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s.Run)
	cmd.Dir, cmd.Env = dir, append(env, extraEnv...)
	out, err := cmd.CombinedOutput()
	r := stepRun{outputs: map[string]string{}, log: string(out)}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(ghOut)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			r.outputs[k] = v
		}
	}
	if b, err = os.ReadFile(ghPath); err != nil {
		t.Fatal(err)
	}
	r.path = strings.Fields(string(b))
	return r
}

// expand replaces ${{ inputs.X }} and ${{ steps.ID.outputs.Y }}.
func expand(t *testing.T, a *action, s string, with, stepOutputs map[string]string) string {
	return exprRe.ReplaceAllStringFunc(s, func(e string) string {
		expr := exprRe.FindStringSubmatch(e)[1]
		if name, ok := strings.CutPrefix(expr, "inputs."); ok {
			if v, ok := with[name]; ok {
				return v
			}
			in, ok := a.Inputs[name]
			if !ok {
				t.Fatalf("expression %s: undeclared input", e)
			}
			if in.Default == nil {
				return ""
			}
			return *in.Default
		}
		if m := stepOutRe.FindStringSubmatch(expr); m != nil && m[0] == expr {
			return stepOutputs[m[2]]
		}
		t.Fatalf("expression %s: not expanded by this test", e)
		return ""
	})
}

// TestActionScanStepRuns runs the action's scan and fail steps with the real
// CLI on a template that uses the default group.
func TestActionScanStepRuns(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	a := loadAction(t)
	scan, fail := a.step(t, "scan"), a.stepNamed(t, "Fail on findings")
	for _, tc := range []struct {
		name     string
		with     map[string]string
		stepCode int    // exit code of the scan step itself
		scanCode string // the exit-code output
		report   bool   // a SARIF report with a finding is written
	}{
		{"defaults: findings fail", nil, 0, "3", true},
		{"fail-on never", map[string]string{"fail-on": "never"}, 0, "0", true},
		{"args: excluded", map[string]string{"args": "--exclude stack.yaml"}, 0, "0", false},
		{"two paths", map[string]string{"path": "a b"}, 0, "3", true},
		{"usage error: no report", map[string]string{"fail-on": "sometimes"}, 2, "2", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := badTemplate(t)
			if tc.with["path"] != "" {
				for _, p := range strings.Fields(tc.with["path"]) {
					if err := os.MkdirAll(filepath.Join(dir, p), 0o755); err != nil {
						t.Fatal(err)
					}
				}
				if err := os.Rename(filepath.Join(dir, "stack.yaml"), filepath.Join(dir, "b", "stack.yaml")); err != nil {
					t.Fatal(err)
				}
			}
			r := runStep(t, a, scan, dir, tc.with, nil)
			code, outs, log := r.code, r.outputs, r.log
			if code != tc.stepCode || outs["exit-code"] != tc.scanCode {
				t.Fatalf("step exit %d, exit-code output %q; want %d, %q\n%s", code, outs["exit-code"], tc.stepCode, tc.scanCode, log)
			}
			if tc.stepCode != 0 {
				if _, ok := outs["sarif-file"]; ok {
					t.Errorf("a failed scan reports a sarif-file to upload: %v", outs)
				}
				return
			}
			sarif := filepath.Join(dir, outs["sarif-file"])
			b, err := os.ReadFile(sarif)
			if err != nil {
				t.Fatalf("no report at the sarif-file output: %v\n%s", err, log)
			}
			var doc struct {
				Version string
				Runs    []struct{ Results []struct{ RuleID string } }
			}
			if err := json.Unmarshal(b, &doc); err != nil || doc.Version != "2.1.0" || len(doc.Runs) != 1 {
				t.Fatalf("report is not SARIF 2.1.0 (%v): %.200s", err, b)
			}
			if got := len(doc.Runs[0].Results) > 0; got != tc.report {
				t.Errorf("report has results = %v, want %v: %.300s", got, tc.report, b)
			}

			// The fail step runs when its if holds: exit-code != '0'.
			if outs["exit-code"] != "0" {
				if f := runStep(t, a, fail, dir, tc.with, outs); strconv.Itoa(f.code) != outs["exit-code"] || !strings.Contains(f.log, "::error::") {
					t.Errorf("fail step exit %d, want %s with an ::error:: line\n%s", f.code, outs["exit-code"], f.log)
				}
			}
		})
	}
}
