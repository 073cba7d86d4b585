package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// A user a CloudFormation stack owns says so (its tags, read the way each
// service returns them), and the plan makes it a manual step naming the
// stack: changing it directly would be reverted by the next stack update.
func TestStackOwnedUsersAreManualStepsNamingTheStack(t *testing.T) {
	ep := startSim(t, `
accounts:
  - id: "111111111111"
    access_key_id: AKIAMANAGEDBY00001
    resources:
      eu-west-1:
        lambda_functions:
          - {name: api, groups: [default], tags: {"aws:cloudformation:stack-name": fn-stack}}
        ecs_clusters:
          - name: main
            services: [{name: worker, groups: [default], tags: {"aws:cloudformation:stack-name": ecs-stack}}]
        codebuild_projects:
          - {name: deploy, groups: [default], tags: {"aws:cloudformation:stack-name": ci-stack}}
        cache_clusters:
          - {name: redis, groups: [default], tags: {"aws:cloudformation:stack-name": cache-stack}}
regions: [us-east-1, eu-west-1]
`)
	dir := t.TempDir()
	rep, r := usageReport(t, ep, "--regions", "eu-west-1")
	if r.Code != 3 {
		t.Fatalf("usage: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	want := map[string]string{"lambda-functions": "api cloudformation:fn-stack", "ecs-services": "main/worker cloudformation:ecs-stack",
		"codebuild-projects": "deploy cloudformation:ci-stack", "elasticache-clusters": "redis cloudformation:cache-stack"}
	for finder, w := range want {
		var got []string
		for _, g := range rep.Groups {
			for _, u := range g.Users {
				if u.Finder == finder {
					got = append(got, u.ResourceID+" "+u.ManagedBy)
				}
			}
		}
		if len(got) == 0 || got[0] != w {
			t.Errorf("%s: got %q, want %q", finder, got, w)
		}
	}

	if r := run(t, ep, dir, nil, "plan", "--regions", "eu-west-1", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Moves []struct {
			ResourceID string `json:"resource_id"`
		} `json:"moves"`
		Manual []struct {
			ResourceID   string `json:"resource_id"`
			ManagedBy    string `json:"managed_by"`
			Instructions string `json:"instructions"`
		} `json:"manual"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	for _, m := range p.Moves {
		if m.ResourceID == "api" || m.ResourceID == "main/worker" || m.ResourceID == "deploy" || m.ResourceID == "redis" {
			t.Errorf("plan moves stack-owned %s", m.ResourceID)
		}
	}
	var steps []string
	for _, m := range p.Manual {
		_, stack, _ := strings.Cut(m.ManagedBy, ":")
		if stack != "" && strings.Contains(m.Instructions, `CloudFormation stack "`+stack+`"`) {
			steps = append(steps, m.ResourceID+" "+stack)
		}
	}
	sort.Strings(steps)
	if got := strings.Join(steps, ", "); !strings.Contains(got, "api fn-stack") || !strings.Contains(got, "deploy ci-stack") ||
		!strings.Contains(got, "main/worker ecs-stack") || !strings.Contains(got, "redis cache-stack") {
		t.Fatalf("manual steps naming the stack: %s\nplan: %s", got, b)
	}
}
