package e2e

import (
	"encoding/json"
	"testing"
)

// An awsvpc ECS service or EventBridge ECS target that names no security
// group runs in its VPC's default group: usage must report it, and close
// must refuse that group.
func TestUsageFindsAwsvpcTasksWithNoGroup(t *testing.T) {
	ep := startSim(t, `
accounts:
  - id: "111111111111"
    access_key_id: AKIANOGROUP0000001
    resources:
      eu-west-1:
        vpcs:
          - name: other
            cidr: 10.40.0.0/16
            subnets: [{name: o1, cidr: 10.40.1.0/24, az: a}]
        ecs_clusters:
          - name: jobs
            services:
              - {name: bare-service, groups: []}
        event_rules:
          - name: nightly
            schedule: rate(1 day)
            ecs_targets:
              - {id: t1, cluster: jobs, vpc: other, groups: []}
regions: [us-east-1, eu-west-1]
`)
	r := run(t, ep, "", nil, "usage", "--regions", "eu-west-1", "-o", "json")
	if r.Code != 3 {
		t.Fatalf("usage: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	var rep struct {
		Groups []struct {
			VpcName string `json:"vpc_name"`
			VpcID   string `json:"vpc_id"`
			Users   []struct {
				ResourceID string `json:"resource_id"`
				Finder     string `json:"finder"`
			} `json:"users"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, g := range rep.Groups {
		for _, u := range g.Users {
			found[u.Finder+" "+u.ResourceID] = g.VpcName
		}
	}
	if v, ok := found["ecs-services jobs/bare-service"]; !ok || v != "" {
		t.Errorf("ECS service with no groups not found on the default VPC's group: %v", found)
	}
	if v, ok := found["eventbridge-ecs-targets nightly"]; !ok || v != "other" {
		t.Errorf("EventBridge target with no groups not found on VPC other's default group: %v", found)
	}
	if c := run(t, ep, t.TempDir(), nil, "close", "--regions", "eu-west-1", "--yes"); c.Code != 5 {
		t.Fatalf("close: exit %d, want 5 (refused)\n%s", c.Code, c.Stderr)
	}
}
