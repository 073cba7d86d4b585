package e2e

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/configservice"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

const configScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIACONFIG00000001
    resources:
      eu-west-1:
        network_interfaces:
          - description: Primary network interface
            attachment: {instance_id: i-0aaaaaaaaaaaaaaa1, instance_owner_id: "111111111111"}
        config_rules: [vpc-default-security-group-closed]
regions: [us-east-1, eu-west-1]
`

// The whole migration, then AWS Config's view: right after close, Config's
// last evaluation still says NON_COMPLIANT and verify --config says where it
// disagrees; once Config re-evaluates, they agree. A region without the rule
// says so rather than passing.
func TestVerifyConfigShowsWhereAWSConfigDisagrees(t *testing.T) {
	ep := startSim(t, configScenario)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"plan", "--out", "plan.json"},
		{"apply", "plan.json", "--yes"},
		{"close", "--yes"},
	} {
		if r := run(t, ep, dir, nil, args...); r.Code != 0 {
			t.Fatalf("%v: exit %d\n%s\n%s", args, r.Code, r.Stdout, r.Stderr)
		}
	}
	if r := run(t, ep, dir, nil, "audit"); r.Code != 0 {
		t.Fatalf("audit after close: exit %d\n%s", r.Code, r.Stdout)
	}
	r := run(t, ep, dir, nil, "verify", "plan.json", "--config")
	if r.Code != 0 {
		t.Fatalf("verify --config: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	mustContain(t, "verify --config", r.Stdout, "NON_COMPLIANT", "COMPLIANT", "NO", "rule not deployed",
		"start-config-rules-evaluation --config-rule-names vpc-default-security-group-closed")
	// Where the rule is not deployed, re-evaluating cannot help: verify says
	// how to deploy it, and does not count it as a disagreement.
	mustContain(t, "verify --config", r.Stdout, "is not deployed in 111111111111/us-east-1",
		"put-config-rule", `"SourceIdentifier":"VPC_DEFAULT_SECURITY_GROUP_CLOSED"`, "1 groups where Config's last evaluation differs")

	cfg := awsx.StaticConfig(ep.URL, "eu-west-1", ep.AccessKey, "test-secret")
	if _, err := configservice.NewFromConfig(cfg).StartConfigRulesEvaluation(ctx(t), &configservice.StartConfigRulesEvaluationInput{
		ConfigRuleNames: []string{"vpc-default-security-group-closed"}}); err != nil {
		t.Fatal(err)
	}
	r = run(t, ep, dir, nil, "verify", "plan.json", "--config", "--regions", "eu-west-1")
	if r.Code != 0 || strings.Contains(r.Stdout, "NON_COMPLIANT") || strings.Contains(r.Stdout, "differs") {
		t.Fatalf("verify --config after re-evaluation: exit %d\n%s", r.Code, r.Stdout)
	}
}
