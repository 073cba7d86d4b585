package distcheck

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// workflow is the part of a GitHub Actions workflow checked here. The
// workflows are not run in this CI; this catches what breaks them silently.
type workflow struct {
	Name        string
	On          yaml.Node
	Permissions map[string]string
	Jobs        map[string]struct {
		RunsOn      string `yaml:"runs-on"`
		Permissions map[string]string
		Steps       []step
	}
}

func TestWorkflows(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(root(t), ".github", "workflows", "*.y*ml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflows: %v", err)
	}
	a := loadAction(t)
	releaseCheck := readFile(t, ".ci/release-check")
	pinned := regexp.MustCompile(`(?m)^(GORELEASER|CYCLONEDX)=\S+@(v\S+)$`).FindAllStringSubmatch(releaseCheck, -1)
	if len(pinned) != 2 {
		t.Fatalf(".ci/release-check pins %v, want GORELEASER and CYCLONEDX", pinned)
	}
	versions := map[string]string{pinned[0][1]: pinned[0][2], pinned[1][1]: pinned[1][2]}
	for _, f := range files {
		name := filepath.Base(f)
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var w workflow
		if err := yaml.Unmarshal(b, &w); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if w.Name == "" || w.On.Kind == 0 || len(w.Jobs) == 0 {
			t.Errorf("%s: needs name, on and jobs", name)
		}
		if w.Permissions == nil {
			t.Errorf("%s: no top-level permissions (the default token is too broad)", name)
		}
		for id, job := range w.Jobs {
			where := name + " job " + id
			if job.RunsOn == "" || len(job.Steps) == 0 {
				t.Errorf("%s: needs runs-on and steps", where)
			}
			for _, s := range job.Steps {
				where := where + " step " + s.Name + s.Uses
				if (s.Run == "") == (s.Uses == "") {
					t.Errorf("%s: needs exactly one of run and uses", where)
				}
				if strings.Contains(s.Run, "${{ github.event") {
					t.Errorf("%s: run pastes event data into the script; pass it through env", where)
				}
				switch {
				case s.Uses == "./":
					// This repository's action: only inputs it declares.
					for k := range s.With {
						if _, ok := a.Inputs[k]; !ok {
							t.Errorf("%s: with %s, which action.yml does not declare", where, k)
						}
					}
					if v, ok := s.With["install"]; ok && !strings.Contains(a.Inputs["install"].Description, `"`+v+`"`) {
						t.Errorf("%s: install %q is not one action.yml describes", where, v)
					}
					if s.With["upload-sarif"] != "false" && job.Permissions["security-events"] != "write" {
						t.Errorf("%s: uploads SARIF without permissions security-events: write", where)
					}
				case s.Uses != "" && !regexp.MustCompile(`^[\w.-]+/[\w./-]+@\S+$`).MatchString(s.Uses):
					t.Errorf("%s: uses %q is not owner/repo@ref", where, s.Uses)
				case strings.HasPrefix(s.Uses, "goreleaser/goreleaser-action@"):
					if want := versions["GORELEASER"]; s.With["version"] != want {
						t.Errorf("%s: goreleaser %s, .ci/release-check checks %s", where, s.With["version"], want)
					}
				}
				if strings.Contains(s.Run, "cyclonedx-gomod@") && !strings.Contains(s.Run, "cyclonedx-gomod@"+versions["CYCLONEDX"]) {
					t.Errorf("%s: cyclonedx-gomod version differs from .ci/release-check's %s", where, versions["CYCLONEDX"])
				}
			}
		}
	}
}
