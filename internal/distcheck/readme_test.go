package distcheck

import (
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestDocsExamples parses the YAML examples of README's install section and
// docs/DISTRIBUTION.md: the action's inputs and the hook ids they use exist.
func TestDocsExamples(t *testing.T) {
	a := loadAction(t)
	hooks := map[string]bool{}
	for _, h := range loadHooks(t) {
		hooks[h.ID] = true
	}
	block := regexp.MustCompile("(?s)```yaml\n(.*?)```")
	for _, doc := range []string{"README.md", "docs/DISTRIBUTION.md"} {
		text := readFile(t, doc)
		if doc == "README.md" {
			start := strings.Index(text, "## Install")
			end := strings.Index(text[start+1:], "\n## ")
			if start < 0 || end < 0 {
				t.Fatal("README has no Install section")
			}
			text = text[start : start+1+end]
			for _, way := range []string{"go install github.com/defaultsg/defaultsg/cmd/defaultsg@latest", "releases/latest/download/defaultsg_linux_amd64.tar.gz", "docker run", "uses: defaultsg/defaultsg@", "id: defaultsg-scan"} {
				if !strings.Contains(text, way) {
					t.Errorf("README's Install section lacks %q", way)
				}
			}
		}
		actions, precommits := 0, 0
		for _, m := range block.FindAllStringSubmatch(text, -1) {
			var v any
			if err := yaml.Unmarshal([]byte(m[1]), &v); err != nil {
				t.Errorf("%s: YAML example does not parse: %v\n%s", doc, err, m[1])
				continue
			}
			var steps []step
			var cfg struct {
				Jobs  map[string]struct{ Steps []step }
				Steps []step
				Repos []struct {
					Repo  string
					Hooks []struct{ ID string }
				}
			}
			if err := yaml.Unmarshal([]byte(m[1]), &cfg); err != nil {
				t.Errorf("%s: %v", doc, err)
				continue
			}
			steps = cfg.Steps
			for _, j := range cfg.Jobs {
				steps = append(steps, j.Steps...)
			}
			for _, s := range steps {
				if !strings.HasPrefix(s.Uses, "defaultsg/defaultsg@") {
					continue
				}
				actions++
				for k := range s.With {
					if _, ok := a.Inputs[k]; !ok {
						t.Errorf("%s: the action example sets %s, which action.yml does not declare", doc, k)
					}
				}
			}
			for _, r := range cfg.Repos {
				for _, h := range r.Hooks {
					precommits++
					if !hooks[h.ID] {
						t.Errorf("%s: the pre-commit example uses hook %q, which .pre-commit-hooks.yaml lacks", doc, h.ID)
					}
				}
			}
		}
		if actions == 0 || precommits == 0 {
			t.Errorf("%s: %d action and %d pre-commit examples, want both", doc, actions, precommits)
		}
	}
}
