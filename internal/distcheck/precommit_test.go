package distcheck

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/defaultsg/defaultsg/internal/cli"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// hook is one entry of .pre-commit-hooks.yaml.
type hook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Files         string   `yaml:"files"`
	Args          []string `yaml:"args"`
	PassFilenames *bool    `yaml:"pass_filenames"`
}

func loadHooks(t *testing.T) []hook {
	t.Helper()
	var hooks []hook
	if err := yaml.Unmarshal([]byte(readFile(t, ".pre-commit-hooks.yaml")), &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	// pre-commit ignores keys it does not know: a misspelt one is caught here.
	var raw []map[string]any
	if err := yaml.Unmarshal([]byte(readFile(t, ".pre-commit-hooks.yaml")), &raw); err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{"id": true, "name": true, "entry": true, "language": true, "files": true,
		"exclude": true, "types": true, "types_or": true, "exclude_types": true, "always_run": true,
		"fail_fast": true, "verbose": true, "pass_filenames": true, "require_serial": true,
		"description": true, "language_version": true, "minimum_pre_commit_version": true, "args": true, "stages": true}
	for _, h := range raw {
		for k := range h {
			if !known[k] {
				t.Errorf("hook %v: %q is not a pre-commit hook key", h["id"], k)
			}
		}
	}
	if len(hooks) == 0 {
		t.Fatal(".pre-commit-hooks.yaml lists no hook")
	}
	return hooks
}

// runEntry runs a hook's entry (plus args) with the real CLI in dir.
func runEntry(t *testing.T, h hook, dir string, args ...string) (int, string) {
	t.Helper()
	words := strings.Fields(h.Entry)
	if words[0] != "defaultsg" {
		t.Fatalf("hook %s: entry %q does not run defaultsg", h.ID, h.Entry)
	}
	t.Chdir(dir)
	ios, _, out, errOut := iostreams.Test()
	code := cli.Execute(t.Context(), cli.NewFactory(ios), append(append(words[1:], h.Args...), args...))
	return code, out.String() + errOut.String()
}

func TestPreCommitHooks(t *testing.T) {
	for _, h := range loadHooks(t) {
		if h.ID == "" || h.Name == "" || h.Entry == "" {
			t.Errorf("hook %+v: needs id, name and entry", h)
		}
		// pre-commit builds a golang hook with `go install ./...` in this
		// repository: the entry must be one of the commands that installs.
		if h.Language != "golang" {
			t.Errorf("hook %s: language %q, want golang", h.ID, h.Language)
		}
		words := strings.Fields(h.Entry)
		if len(words) < 2 || words[0] != "defaultsg" || words[1] != "scan" {
			t.Errorf("hook %s: entry %q, want defaultsg scan", h.ID, h.Entry)
			continue
		}
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Errorf("hook %s: files: %v", h.ID, err)
			continue
		}
		for name, want := range map[string]bool{
			"infra/main.tf": true, "stack.yaml": true, "template.yml": true, "a/b.template": true,
			"main.tf.json": true, "cdk.out/App.template.json": true, "lib/stack.ts": true, "app.py": true,
			"cdk.json": true, "README.md": false, "Makefile": false, "go.sum": false, "image.png": false,
		} {
			if re.MatchString(name) != want {
				t.Errorf("hook %s: files matches %s = %v, want %v", h.ID, name, !want, want)
			}
		}
		if h.PassFilenames == nil || *h.PassFilenames {
			t.Errorf("hook %s: pass_filenames must be false (scan reads the tree: modules, parameters' callers)", h.ID)
		}

		dir := badTemplate(t)
		if code, log := runEntry(t, h, dir); code != exitcode.NonCompliant {
			t.Errorf("hook %s on a template using the default group: exit %d, want %d\n%s", h.ID, code, exitcode.NonCompliant, log)
		}
		if err := os.Remove(dir + "/stack.yaml"); err != nil {
			t.Fatal(err)
		}
		if code, log := runEntry(t, h, dir); code != 0 {
			t.Errorf("hook %s on a clean tree: exit %d, want 0\n%s", h.ID, code, log)
		}
	}
}
