package e2e

import (
	"maps"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	eb "github.com/aws/aws-sdk-go-v2/service/elasticbeanstalk"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

// beanstalkScenario has an Elastic Beanstalk environment whose instances
// name the default group by name ("default", beside web) and whose load
// balancer names it by id, one managed by a CloudFormation stack, and one
// that does not use it.
const beanstalkScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIABEANSTALKMOVE001
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        security_groups: [{name: web}]
        beanstalk_environments:
          - {name: shop, instance_groups: [web, default], lb_groups: [sg-0def]}
          - {name: stacked, instance_groups: [default], lb_groups: [web], tags: {aws:cloudformation:stack-name: shop-stack}}
          - {name: other, lb_type: classic, instance_groups: [web], lb_groups: [web]}
regions: [us-east-1]
`

// beanstalkOptions reads an environment's SecurityGroups option values,
// verbatim, by "namespace/option".
func beanstalkOptions(t *testing.T, ep endpoint, env string) map[string]string {
	t.Helper()
	c := eb.NewFromConfig(awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"))
	out, err := c.DescribeConfigurationSettings(ctx(t), &eb.DescribeConfigurationSettingsInput{
		ApplicationName: aws.String("app"), EnvironmentName: aws.String(env)})
	if err != nil {
		t.Fatal(err)
	}
	opts := map[string]string{}
	for _, cs := range out.ConfigurationSettings {
		for _, o := range cs.OptionSettings {
			if aws.ToString(o.OptionName) == "SecurityGroups" {
				opts[aws.ToString(o.Namespace)] = aws.ToString(o.Value)
			}
		}
	}
	return opts
}

func TestApplyMovesBeanstalkEnvironmentByAnUpdateAndRollsBackExactly(t *testing.T) {
	ep := startSim(t, beanstalkScenario)
	dir := t.TempDir()
	before := map[string]map[string]string{}
	for _, env := range []string{"shop", "stacked", "other"} {
		before[env] = beanstalkOptions(t, ep, env)
	}
	if before["shop"]["aws:autoscaling:launchconfiguration"] == "" || !strings.HasSuffix(before["shop"]["aws:autoscaling:launchconfiguration"], ",default") {
		t.Fatalf("the scenario's instances should name the group default: %v", before["shop"])
	}

	if r := run(t, ep, dir, nil, "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	r := run(t, ep, dir, nil, "plan")
	// The move is said to be a rolling deployment of the environment; the
	// stack's environment stays a step in its stack.
	mustContain(t, "plan", r.Stdout+r.Stderr,
		"move Elastic Beanstalk environment shop", "elasticbeanstalk:UpdateEnvironment (a rolling deployment of the environment)",
		`stack "shop-stack"`)
	if strings.Contains(r.Stdout, "move Elastic Beanstalk environment stacked") || strings.Contains(r.Stdout, "environment other") {
		t.Fatalf("plan moves what it must not:\n%s", r.Stdout)
	}

	r = run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	after := beanstalkOptions(t, ep, "shop")
	inst, lb := after["aws:autoscaling:launchconfiguration"], after["aws:elbv2:loadbalancer"]
	web := strings.Split(before["shop"]["aws:autoscaling:launchconfiguration"], ",")[0]
	if !strings.HasPrefix(inst, web+",sg-") || strings.Contains(inst, "default") || strings.Contains(inst, "sg-0def") ||
		!strings.HasPrefix(lb, "sg-") || lb == "sg-0def" || strings.Split(inst, ",")[1] != lb {
		t.Fatalf("after apply: %v (before %v)", after, before["shop"])
	}
	for _, env := range []string{"stacked", "other"} {
		if got := beanstalkOptions(t, ep, env); !maps.Equal(got, before[env]) {
			t.Fatalf("%s changed: %v, was %v", env, got, before[env])
		}
	}

	v := run(t, ep, dir, nil, "verify", "plan.json")
	if strings.Contains(v.Stdout, "DIFFERENT") || (v.Code != 0 && v.Code != 3) {
		t.Fatalf("verify: exit %d\n%s\n%s", v.Code, v.Stdout, v.Stderr)
	}
	mustContain(t, "verify", v.Stdout, "Elastic Beanstalk environment shop", "equivalent")

	rollBack(t, ep, dir)
	for _, env := range []string{"shop", "stacked", "other"} {
		if got := beanstalkOptions(t, ep, env); !maps.Equal(got, before[env]) {
			t.Fatalf("%s after rollback: %v, want exactly %v", env, got, before[env])
		}
	}
}

// A change of the instances' groups replaces every instance: with rolling
// updates disabled Beanstalk would replace them all at once, an outage, so
// apply refuses it before any change and says what to do.
func TestApplyRefusesABeanstalkChangeThatReplacesEveryInstanceAtOnce(t *testing.T) {
	ep := startSim(t, `
accounts:
  - id: "111111111111"
    access_key_id: AKIABEANSTALKMOVE002
    resources:
      us-east-1:
        security_groups: [{name: web}]
        beanstalk_environments: [{name: legacy, instance_groups: [default, web], lb_groups: [web], rolling_updates: disabled}]
regions: [us-east-1]
`)
	dir := t.TempDir()
	before := beanstalkOptions(t, ep, "legacy")
	if r := run(t, ep, dir, nil, "plan", "--out", "plan.json"); r.Code != 0 {
		t.Fatalf("plan: %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	ep.Sim.ResetCalls()
	r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 6 {
		t.Fatalf("apply: exit %d, want 6\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	mustContain(t, "apply", r.Stdout, "not moving the instances of environment legacy", "rolling updates are disabled",
		"enable rolling or immutable updates")
	for _, c := range ep.Sim.Calls() {
		if c.Service == "elasticbeanstalk" && c.Mutating {
			t.Fatalf("apply changed the environment: %+v", c)
		}
	}
	if got := beanstalkOptions(t, ep, "legacy"); !maps.Equal(got, before) {
		t.Fatalf("options changed: %v, was %v", got, before)
	}
}
