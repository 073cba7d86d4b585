package e2e

import (
	"reflect"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

// motoApply is what seedMotoApply created: the default group, the other
// group each user keeps, and the users.
type motoApply struct {
	vpc, def, web, db  string
	instance, template string
	albARN             string
	repl               string // the replacement, once apply has made it
}

// motoApplyScenario is, for the simulator, what seedMotoApply creates in
// moto (the instance is its primary interface).
const motoApplyScenario = `
accounts:
  - id: "123456789012"
    access_key_id: AKIAMOTOAPPLY00001
    resources:
      us-east-1:
        security_groups: [{name: web}, {name: db}]
        network_interfaces:
          - {description: primary, groups: [default, web], attachment: {instance_id: i-0aaaaaaaaaaaaaaa1}}
        launch_templates: [{name: app-lt, versions: [{groups: [default]}]}]
        load_balancers: [{name: alb, groups: [default, web]}]
        db_instances: [{name: pg, groups: [default, db]}]
regions: [us-east-1]
`

// TestApplyAgainstMoto runs plan → apply → rollback against moto, an
// independent emulator, and the simulator, for the in-place kinds moto
// implements: an EC2 instance (ec2:ModifyNetworkInterfaceAttribute on its
// primary interface), a launch template (new default version), an
// application load balancer (elasticloadbalancing:SetSecurityGroups) and an
// RDS DB instance (rds:ModifyDBInstance). Every seeded kind works in moto
// 5.2.1, none was dropped; its RDS instance is "available" at once, so
// apply settles and exits 0. moto omits the default group's inbound
// self-rule and creates no interfaces for RDS or ELB, so only the service
// APIs are checked: each user has the replacement (found by its
// defaultsg:replaces tag) in place of the default group after apply, and
// exactly its original groups after rollback, in both systems alike.
func TestApplyAgainstMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	sim := startSim(t, motoApplyScenario)
	systems := []struct {
		name string
		ep   endpoint
		seed func() motoApply
	}{
		{"moto", moto, func() motoApply { return seedMotoApply(t, moto) }},
		{"simulator", sim, func() motoApply { return simApplyIDs(t, sim) }},
	}
	views := map[string][]map[string][]string{}
	for _, sys := range systems {
		s := sys.seed()
		views[sys.name] = applyAndRollBack(t, sys.name, sys.ep, s)
	}
	if !reflect.DeepEqual(views["simulator"], views["moto"]) {
		t.Fatalf("simulator and moto disagree:\nsimulator: %v\nmoto:      %v", views["simulator"], views["moto"])
	}
}

// applyAndRollBack plans, applies and rolls back in ep, checks each user's
// groups after apply and after rollback, and returns them named (default,
// web, db, replacement) for comparison across systems.
func applyAndRollBack(t *testing.T, name string, ep endpoint, s motoApply) []map[string][]string {
	t.Helper()
	dir := t.TempDir()
	if r := run(t, ep, dir, nil, "plan", "--out", "plan.json", "--regions", "us-east-1"); r.Code != 0 {
		t.Fatalf("%s: plan: exit %d\n%s\n%s", name, r.Code, r.Stdout, r.Stderr)
	}
	r := run(t, ep, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 0 {
		t.Fatalf("%s: apply: exit %d\n%s\n%s", name, r.Code, r.Stdout, r.Stderr)
	}
	repl := replacementOf(t, ep, s.vpc, s.def)
	s.repl = repl
	names := map[string]string{s.def: "default", s.web: "web", s.db: "db", repl: "replacement"}

	got := motoGroups(t, ep, s)
	applied := namedGroups(got, names)
	want := map[string][]string{
		"instance": {repl, s.web},
		"template": {repl},
		"alb":      {repl, s.web},
		"rds":      {repl, s.db},
	}
	for k, w := range want {
		if !sameGroups(got[k], w) {
			t.Errorf("%s: after apply, %s has %v, want %v (replacement %s)", name, k, got[k], w, repl)
		}
	}
	if v := defaultTemplateVersion(t, ep, s.template); v == 1 {
		t.Errorf("%s: after apply, the launch template's default version is still 1", name)
	}
	if t.Failed() {
		t.Fatalf("%s: apply output:\n%s\n%s", name, r.Stdout, r.Stderr)
	}

	r = run(t, ep, dir, nil, "rollback", "plan.json.journal", "--yes", "--poll", "10ms")
	if r.Code != 0 {
		t.Fatalf("%s: rollback: exit %d\n%s\n%s", name, r.Code, r.Stdout, r.Stderr)
	}
	got = motoGroups(t, ep, s)
	want = map[string][]string{
		"instance": {s.def, s.web},
		"template": {s.def},
		"alb":      {s.def, s.web},
		"rds":      {s.def, s.db},
	}
	for k, w := range want {
		if !sameGroups(got[k], w) {
			t.Errorf("%s: after rollback, %s has %v, want %v", name, k, got[k], w)
		}
	}
	if v := defaultTemplateVersion(t, ep, s.template); v != 1 {
		t.Errorf("%s: after rollback, the launch template's default version is %d, want 1", name, v)
	}
	if t.Failed() {
		t.Fatalf("%s: rollback output:\n%s\n%s", name, r.Stdout, r.Stderr)
	}
	return []map[string][]string{applied, namedGroups(got, names)}
}

// namedGroups replaces group ids by names and sorts them.
func namedGroups(got map[string][]string, names map[string]string) map[string][]string {
	out := map[string][]string{}
	for k, ids := range got {
		var ns []string
		for _, id := range ids {
			if n, ok := names[id]; ok {
				id = n
			}
			ns = append(ns, id)
		}
		sort.Strings(ns)
		out[k] = ns
	}
	return out
}

// simApplyIDs reads back the ids the simulator gave motoApplyScenario.
func simApplyIDs(t *testing.T, ep endpoint) motoApply {
	t.Helper()
	cfg, cx := awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"), ctx(t)
	ec := ec2.NewFromConfig(cfg)
	vpcs, err := ec.DescribeVpcs(cx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: str("is-default"), Values: []string{"true"}}}})
	if err != nil || len(vpcs.Vpcs) != 1 {
		t.Fatalf("simulator: default VPC: %v", err)
	}
	s := motoApply{vpc: aws.ToString(vpcs.Vpcs[0].VpcId), instance: "i-0aaaaaaaaaaaaaaa1"}
	s.def = defaultGroup(t, ec, s.vpc)
	sgs, err := ec.DescribeSecurityGroups(cx, &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{{Name: str("vpc-id"), Values: []string{s.vpc}}}})
	if err != nil {
		t.Fatalf("simulator: DescribeSecurityGroups: %v", err)
	}
	for _, g := range sgs.SecurityGroups {
		switch aws.ToString(g.GroupName) {
		case "web":
			s.web = aws.ToString(g.GroupId)
		case "db":
			s.db = aws.ToString(g.GroupId)
		}
	}
	lts, err := ec.DescribeLaunchTemplates(cx, &ec2.DescribeLaunchTemplatesInput{LaunchTemplateNames: []string{"app-lt"}})
	if err != nil || len(lts.LaunchTemplates) != 1 {
		t.Fatalf("simulator: DescribeLaunchTemplates: %v", err)
	}
	s.template = aws.ToString(lts.LaunchTemplates[0].LaunchTemplateId)
	lbs, err := elbv2.NewFromConfig(cfg).DescribeLoadBalancers(cx, &elbv2.DescribeLoadBalancersInput{Names: []string{"alb"}})
	if err != nil || len(lbs.LoadBalancers) != 1 {
		t.Fatalf("simulator: DescribeLoadBalancers: %v", err)
	}
	s.albARN = aws.ToString(lbs.LoadBalancers[0].LoadBalancerArn)
	return s
}

func sameGroups(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = sortedCopy(a), sortedCopy(b)
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func seedMotoApply(t *testing.T, ep endpoint) motoApply {
	t.Helper()
	cfg, cx := awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"), ctx(t)
	check := motoCheck(t)
	ec := ec2.NewFromConfig(cfg)
	var s motoApply
	vpcs, err := ec.DescribeVpcs(cx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: str("is-default"), Values: []string{"true"}}}})
	check("DescribeVpcs", err)
	s.vpc = aws.ToString(vpcs.Vpcs[0].VpcId)
	s.def = defaultGroup(t, ec, s.vpc)
	for _, g := range []struct {
		name string
		id   *string
	}{{"web", &s.web}, {"db", &s.db}} {
		out, err := ec.CreateSecurityGroup(cx, &ec2.CreateSecurityGroupInput{GroupName: str(g.name), Description: str(g.name), VpcId: &s.vpc})
		check("CreateSecurityGroup "+g.name, err)
		*g.id = aws.ToString(out.GroupId)
	}
	subnets, err := ec.DescribeSubnets(cx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: str("vpc-id"), Values: []string{s.vpc}}}})
	check("DescribeSubnets", err)
	var sn []string
	azs := map[string]bool{}
	for _, n := range subnets.Subnets {
		if az := aws.ToString(n.AvailabilityZone); !azs[az] && len(sn) < 2 {
			azs[az] = true
			sn = append(sn, aws.ToString(n.SubnetId))
		}
	}
	if len(sn) < 2 {
		t.Fatalf("moto: want two default subnets in different zones, got %v", sn)
	}

	inst, err := ec.RunInstances(cx, &ec2.RunInstancesInput{ImageId: str("ami-12c6146b"), InstanceType: ec2types.InstanceTypeT3Micro,
		MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: &sn[0], SecurityGroupIds: []string{s.def, s.web}})
	check("RunInstances", err)
	s.instance = aws.ToString(inst.Instances[0].InstanceId)

	lt, err := ec.CreateLaunchTemplate(cx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: str("app-lt"),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{ImageId: str("ami-12c6146b"), SecurityGroupIds: []string{s.def}}})
	check("CreateLaunchTemplate", err)
	s.template = aws.ToString(lt.LaunchTemplate.LaunchTemplateId)

	alb, err := elbv2.NewFromConfig(cfg).CreateLoadBalancer(cx, &elbv2.CreateLoadBalancerInput{Name: str("alb"), Subnets: sn,
		SecurityGroups: []string{s.def, s.web}})
	check("CreateLoadBalancer", err)
	s.albARN = aws.ToString(alb.LoadBalancers[0].LoadBalancerArn)

	_, err = rds.NewFromConfig(cfg).CreateDBInstance(cx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: str("pg"), Engine: str("postgres"),
		DBInstanceClass: str("db.t3.micro"), MasterUsername: str("u"), MasterUserPassword: str("password1"), AllocatedStorage: aws.Int32(20),
		VpcSecurityGroupIds: []string{s.def, s.db}})
	check("CreateDBInstance", err)
	return s
}

// replacementOf is the group apply created in vpc for def.
func replacementOf(t *testing.T, ep endpoint, vpc, def string) string {
	t.Helper()
	out, err := ec2Client(ep, "us-east-1").DescribeSecurityGroups(ctx(t), &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{
		{Name: str("tag:defaultsg:replaces"), Values: []string{def}}, {Name: str("vpc-id"), Values: []string{vpc}}}})
	if err != nil || len(out.SecurityGroups) != 1 {
		t.Fatalf("replacement of %s: %v %+v", def, err, out)
	}
	return aws.ToString(out.SecurityGroups[0].GroupId)
}

// motoGroups is, read back from moto, each seeded user's groups.
func motoGroups(t *testing.T, ep endpoint, s motoApply) map[string][]string {
	t.Helper()
	cfg, cx := awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"), ctx(t)
	got := map[string][]string{}
	ec := ec2.NewFromConfig(cfg)
	// The instance's interface. moto reports an attached interface's groups
	// as the union of its own and the instance's launch groups, so a
	// ModifyNetworkInterfaceAttribute never shows in DescribeInstances or in
	// the interface's Groups; only the group-id filter reads the interface's
	// own groups. Each candidate group is asked about with that filter.
	for _, g := range []string{s.def, s.web, s.db, s.repl} {
		enis, err := ec.DescribeNetworkInterfaces(cx, &ec2.DescribeNetworkInterfacesInput{Filters: []ec2types.Filter{
			{Name: str("attachment.instance-id"), Values: []string{s.instance}}, {Name: str("group-id"), Values: []string{g}}}})
		if err != nil {
			t.Fatalf("DescribeNetworkInterfaces: %v", err)
		}
		if len(enis.NetworkInterfaces) > 0 {
			got["instance"] = append(got["instance"], g)
		}
	}
	v, err := ec.DescribeLaunchTemplateVersions(cx, &ec2.DescribeLaunchTemplateVersionsInput{LaunchTemplateId: &s.template,
		Versions: []string{"$Default"}})
	if err != nil || len(v.LaunchTemplateVersions) != 1 {
		t.Fatalf("DescribeLaunchTemplateVersions: %v %+v", err, v)
	}
	got["template"] = v.LaunchTemplateVersions[0].LaunchTemplateData.SecurityGroupIds
	lbs, err := elbv2.NewFromConfig(cfg).DescribeLoadBalancers(cx, &elbv2.DescribeLoadBalancersInput{LoadBalancerArns: []string{s.albARN}})
	if err != nil {
		t.Fatalf("DescribeLoadBalancers: %v", err)
	}
	got["alb"] = lbs.LoadBalancers[0].SecurityGroups
	dbs, err := rds.NewFromConfig(cfg).DescribeDBInstances(cx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: str("pg")})
	if err != nil {
		t.Fatalf("DescribeDBInstances: %v", err)
	}
	for _, m := range dbs.DBInstances[0].VpcSecurityGroups {
		got["rds"] = append(got["rds"], aws.ToString(m.VpcSecurityGroupId))
	}
	return got
}

func defaultTemplateVersion(t *testing.T, ep endpoint, id string) int64 {
	t.Helper()
	out, err := ec2Client(ep, "us-east-1").DescribeLaunchTemplates(ctx(t), &ec2.DescribeLaunchTemplatesInput{LaunchTemplateIds: []string{id}})
	if err != nil || len(out.LaunchTemplates) != 1 {
		t.Fatalf("DescribeLaunchTemplates: %v %+v", err, out)
	}
	return aws.ToInt64(out.LaunchTemplates[0].DefaultVersionNumber)
}
