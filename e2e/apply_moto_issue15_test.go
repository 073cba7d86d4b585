package e2e

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/opensearch"
	ostypes "github.com/aws/aws-sdk-go-v2/service/opensearch/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

// TestApplyIssue15MoversAgainstMoto runs plan → apply → rollback against
// moto for the issue 15 movers whose change call moto 5.2.1 implements:
// an EventBridge rule's ECS target (events:PutTargets), an EKS cluster's
// additional groups (eks:UpdateClusterConfig) and an OpenSearch domain
// (es:UpdateDomainConfig). moto has no UpdateDBProxy, Glue UpdateConnection,
// Pipes, MWAA, DMS or Batch updates and reads schedules differently, so
// those are checked against the simulator only. moto applies every change
// at once (EKS ACTIVE, OpenSearch not Processing), so apply settles.
func TestApplyIssue15MoversAgainstMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	cfg, cx := awsx.StaticConfig(moto.URL, "us-east-1", moto.AccessKey, "test-secret"), ctx(t)
	check := motoCheck(t)
	v := seedMotoVPC(t, cfg)
	vpc, def, web := v.ID, v.Default, v.Web
	sn := v.Subnets[:2]

	eb := eventbridge.NewFromConfig(cfg)
	_, err := eb.PutRule(cx, &eventbridge.PutRuleInput{Name: str("nightly"), ScheduleExpression: str("rate(1 day)")})
	check("PutRule", err)
	_, err = eb.PutTargets(cx, &eventbridge.PutTargetsInput{Rule: str("nightly"), Targets: []ebtypes.Target{{Id: str("t1"),
		Arn: str("arn:aws:ecs:us-east-1:123456789012:cluster/main"), RoleArn: str("arn:aws:iam::123456789012:role/ecsEvents"),
		EcsParameters: &ebtypes.EcsParameters{TaskDefinitionArn: str("arn:aws:ecs:us-east-1:123456789012:task-definition/job:1"),
			LaunchType: ebtypes.LaunchTypeFargate, NetworkConfiguration: &ebtypes.NetworkConfiguration{AwsvpcConfiguration: &ebtypes.AwsVpcConfiguration{
				Subnets: sn[:1], SecurityGroups: []string{def, web}}}}}}})
	check("PutTargets", err)
	_, err = eks.NewFromConfig(cfg).CreateCluster(cx, &eks.CreateClusterInput{Name: str("kube"), RoleArn: str("arn:aws:iam::123456789012:role/eks"),
		ResourcesVpcConfig: &ekstypes.VpcConfigRequest{SubnetIds: sn, SecurityGroupIds: []string{def, web}}})
	check("CreateCluster", err)
	_, err = opensearch.NewFromConfig(cfg).CreateDomain(cx, &opensearch.CreateDomainInput{DomainName: str("search"),
		VPCOptions: &ostypes.VPCOptions{SubnetIds: sn[:1], SecurityGroupIds: []string{def, web}}})
	check("CreateDomain", err)

	groups := func() map[string][]string {
		t.Helper()
		got := map[string][]string{}
		tg, err := eb.ListTargetsByRule(cx, &eventbridge.ListTargetsByRuleInput{Rule: str("nightly")})
		check("ListTargetsByRule", err)
		got["events"] = tg.Targets[0].EcsParameters.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups
		c, err := eks.NewFromConfig(cfg).DescribeCluster(cx, &eks.DescribeClusterInput{Name: str("kube")})
		check("DescribeCluster", err)
		got["eks"] = c.Cluster.ResourcesVpcConfig.SecurityGroupIds
		d, err := opensearch.NewFromConfig(cfg).DescribeDomains(cx, &opensearch.DescribeDomainsInput{DomainNames: []string{"search"}})
		check("DescribeDomains", err)
		got["opensearch"] = d.DomainStatusList[0].VPCOptions.SecurityGroupIds
		return got
	}
	for k, v := range groups() {
		if !sameGroups(v, []string{def, web}) {
			t.Fatalf("moto seeded %s with %v, want %v", k, v, []string{def, web})
		}
	}

	dir := t.TempDir()
	if r := run(t, moto, dir, nil, "plan", "--out", "plan.json", "--regions", "us-east-1"); r.Code != 0 {
		t.Fatalf("plan: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	r := run(t, moto, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	repl := replacementOf(t, moto, vpc, def)
	for k, v := range groups() {
		if !sameGroups(v, []string{repl, web}) {
			t.Errorf("after apply, %s has %v, want %v", k, v, []string{repl, web})
		}
	}
	if t.Failed() {
		t.Fatalf("apply output:\n%s\n%s", r.Stdout, r.Stderr)
	}
	r = run(t, moto, dir, nil, "rollback", "plan.json.journal", "--yes", "--poll", "10ms")
	if r.Code != 0 {
		t.Fatalf("rollback: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	for k, v := range groups() {
		if !sameGroups(v, []string{def, web}) {
			t.Errorf("after rollback, %s has %v, want %v", k, v, []string{def, web})
		}
	}
}
