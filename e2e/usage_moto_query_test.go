package e2e

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	redshifttypes "github.com/aws/aws-sdk-go-v2/service/redshift/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

// motoQueryScenario is, for the simulator, what seedMotoQuery creates in
// moto; most users carry a ManagedBy tag, so managed_by is compared too. ElastiCache is left out: moto 5.2.1 accepts SecurityGroupIds on
// CreateCacheCluster but DescribeCacheClusters never returns them, so a
// comparison would only measure moto.
const motoQueryScenario = `
accounts:
  - id: "123456789012"
    access_key_id: AKIAMOTOQUERY00001
    resources:
      us-east-1:
        security_groups: [{name: web}]
        launch_configurations: [{name: lc, group_names: [default]}]
        launch_templates: [{name: tpl, versions: [{groups: [web]}, {group_names: [default]}]}]
        autoscaling_groups:
          - {name: lc-asg, launch_configuration: lc}
          - {name: lt-asg, launch_template: {name: tpl, version: $Latest}, tags: {ManagedBy: Terraform}}
          - {name: pinned-asg, launch_template: {name: tpl, version: "1"}}
        load_balancers:
          - {name: alb, groups: [default], tags: {ManagedBy: Terraform}}
          - {name: alb-web, groups: [web]}
          - {name: clb, type: classic, groups: [default], tags: {ManagedBy: Terraform}}
        db_instances: [{name: pg, tags: {ManagedBy: Terraform}}]
        db_clusters: [{name: aurora, tags: {ManagedBy: Terraform}}]
        db_proxies: [{name: px}]
        redshift_clusters: [{name: wh, tags: {ManagedBy: Terraform}}]
        efs_file_systems: [{name: shared, tags: {ManagedBy: Terraform}, mount_targets: [{}]}]
        eks_clusters: [{name: k8s, groups: [default], tags: {ManagedBy: Terraform}}]
regions: [us-east-1]
`

// queryFinders are the finders compared; the others (interfaces, which
// moto creates for some of these resources and the simulator does not)
// are out of scope here.
var queryFinders = []string{"autoscaling-groups", "autoscaling-launch-configurations", "elbv2-load-balancers",
	"elb-classic-load-balancers", "rds-instances", "rds-clusters", "rds-proxies", "redshift-clusters",
	"efs-mount-targets", "eks-clusters"}

var generatedIDs = regexp.MustCompile(`\b(fs|fsmt)-[0-9a-f]+\b`)

func TestUsageQueryServicesAgainstMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	seedMotoQuery(t, moto)
	views := map[string][]string{}
	for name, ep := range map[string]endpoint{"simulator": startSim(t, motoQueryScenario), "moto": moto} {
		rep, r := usageReport(t, ep)
		if r.Code != 3 {
			t.Fatalf("%s: exit %d\n%s", name, r.Code, r.Stderr)
		}
		for _, f := range queryFinders {
			if c := rep.coverage(f); c != "checked" {
				t.Errorf("%s: %s coverage %s", name, f, c)
			}
			for _, g := range rep.Groups {
				for _, u := range g.Users {
					if u.Finder == f {
						views[name] = append(views[name], f+" "+u.Kind+" "+u.ResourceKind+" "+generatedIDs.ReplaceAllString(u.ResourceID, "$1")+" managed_by="+u.ManagedBy)
					}
				}
			}
		}
		sort.Strings(views[name])
	}
	t.Logf("users: %q", views["moto"])
	if !slices.Equal(views["simulator"], views["moto"]) {
		t.Fatalf("users differ\nsimulator: %q\nmoto:      %q", views["simulator"], views["moto"])
	}
	if len(views["moto"]) != 11 {
		t.Fatalf("want the 11 seeded users, got %q", views["moto"])
	}
	// Every tagged user (lt-asg, alb, clb, pg, aurora, wh, the file system's
	// mount target, k8s) says who manages it.
	managed := 0
	for _, v := range views["moto"] {
		if strings.HasSuffix(v, "managed_by=terraform") {
			managed++
		}
	}
	if managed != 8 {
		t.Fatalf("want 8 users managed by terraform, got %d: %q", managed, views["moto"])
	}
}

// seedMotoQuery creates motoQueryScenario in moto through the SDK, every
// user on the default VPC's default group.
func seedMotoQuery(t *testing.T, ep endpoint) {
	t.Helper()
	cfg, cx := awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"), ctx(t)
	check := func(what string, _ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("moto: %s: %v", what, err)
		}
	}
	ec := ec2.NewFromConfig(cfg)
	vpcs, err := ec.DescribeVpcs(cx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: str("is-default"), Values: []string{"true"}}}})
	check("DescribeVpcs", vpcs, err)
	vpc := aws.ToString(vpcs.Vpcs[0].VpcId)
	def := defaultGroup(t, ec, vpc)
	web, err := ec.CreateSecurityGroup(cx, &ec2.CreateSecurityGroupInput{GroupName: str("web"), Description: str("web"), VpcId: &vpc})
	check("CreateSecurityGroup", web, err)
	subnets, err := ec.DescribeSubnets(cx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: str("vpc-id"), Values: []string{vpc}}}})
	check("DescribeSubnets", subnets, err)
	sn := []string{aws.ToString(subnets.Subnets[0].SubnetId), aws.ToString(subnets.Subnets[1].SubnetId)}

	as := autoscaling.NewFromConfig(cfg)
	out1, err := as.CreateLaunchConfiguration(cx, &autoscaling.CreateLaunchConfigurationInput{LaunchConfigurationName: str("lc"),
		ImageId: str("ami-12c6146b"), InstanceType: str("t3.micro"), SecurityGroups: []string{"default"}})
	check("CreateLaunchConfiguration", out1, err)
	lt, err := ec.CreateLaunchTemplate(cx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: str("tpl"),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{ImageId: str("ami-12c6146b"), SecurityGroupIds: []string{aws.ToString(web.GroupId)}}})
	check("CreateLaunchTemplate", lt, err)
	v2, err := ec.CreateLaunchTemplateVersion(cx, &ec2.CreateLaunchTemplateVersionInput{LaunchTemplateName: str("tpl"),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{ImageId: str("ami-12c6146b"), SecurityGroups: []string{"default"}}})
	check("CreateLaunchTemplateVersion", v2, err)
	for name, in := range map[string]autoscaling.CreateAutoScalingGroupInput{
		"lc-asg":     {LaunchConfigurationName: str("lc")},
		"lt-asg":     {LaunchTemplate: &astypes.LaunchTemplateSpecification{LaunchTemplateName: str("tpl"), Version: str("$Latest")}},
		"pinned-asg": {LaunchTemplate: &astypes.LaunchTemplateSpecification{LaunchTemplateName: str("tpl"), Version: str("1")}},
	} {
		in.AutoScalingGroupName, in.MinSize, in.MaxSize, in.VPCZoneIdentifier = str(name), aws.Int32(0), aws.Int32(1), &sn[0]
		if name == "lt-asg" {
			in.Tags = []astypes.Tag{{Key: str("ManagedBy"), Value: str("Terraform")}}
		}
		out, err := as.CreateAutoScalingGroup(cx, &in)
		check("CreateAutoScalingGroup "+name, out, err)
	}

	lb2 := elbv2.NewFromConfig(cfg)
	for name, group := range map[string]string{"alb": def, "alb-web": aws.ToString(web.GroupId)} {
		in := &elbv2.CreateLoadBalancerInput{Name: str(name), Subnets: sn, SecurityGroups: []string{group}}
		if name == "alb" {
			in.Tags = []elbv2types.Tag{{Key: str("ManagedBy"), Value: str("Terraform")}}
		}
		out, err := lb2.CreateLoadBalancer(cx, in)
		check("CreateLoadBalancer "+name, out, err)
	}
	clb, err := elb.NewFromConfig(cfg).CreateLoadBalancer(cx, &elb.CreateLoadBalancerInput{LoadBalancerName: str("clb"), Subnets: sn[:1],
		SecurityGroups: []string{def}, Listeners: []elbtypes.Listener{{Protocol: str("HTTP"), LoadBalancerPort: 80, InstancePort: aws.Int32(80)}},
		Tags: []elbtypes.Tag{{Key: str("ManagedBy"), Value: str("Terraform")}}})
	check("CreateLoadBalancer clb", clb, err)

	rc := rds.NewFromConfig(cfg)
	pg, err := rc.CreateDBInstance(cx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: str("pg"), Engine: str("postgres"),
		DBInstanceClass: str("db.t3.micro"), MasterUsername: str("u"), MasterUserPassword: str("password1"), AllocatedStorage: aws.Int32(20),
		Tags: []rdstypes.Tag{{Key: str("ManagedBy"), Value: str("Terraform")}}})
	check("CreateDBInstance", pg, err)
	cl, err := rc.CreateDBCluster(cx, &rds.CreateDBClusterInput{DBClusterIdentifier: str("aurora"), Engine: str("aurora-postgresql"),
		MasterUsername: str("u"), MasterUserPassword: str("password1"), VpcSecurityGroupIds: []string{def},
		Tags: []rdstypes.Tag{{Key: str("ManagedBy"), Value: str("Terraform")}}})
	check("CreateDBCluster", cl, err)
	px, err := rc.CreateDBProxy(cx, &rds.CreateDBProxyInput{DBProxyName: str("px"), EngineFamily: rdstypes.EngineFamilyPostgresql,
		RoleArn: str("arn:aws:iam::123456789012:role/proxy"), VpcSubnetIds: sn, VpcSecurityGroupIds: []string{def},
		Auth: []rdstypes.UserAuthConfig{{SecretArn: str("arn:aws:secretsmanager:us-east-1:123456789012:secret:db")}}})
	check("CreateDBProxy", px, err)
	wh, err := redshift.NewFromConfig(cfg).CreateCluster(cx, &redshift.CreateClusterInput{ClusterIdentifier: str("wh"),
		NodeType: str("ra3.xlplus"), MasterUsername: str("u"), MasterUserPassword: str("Password1"), VpcSecurityGroupIds: []string{def},
		Tags: []redshifttypes.Tag{{Key: str("ManagedBy"), Value: str("Terraform")}}})
	check("CreateCluster", wh, err)

	fc := efs.NewFromConfig(cfg)
	fs, err := fc.CreateFileSystem(cx, &efs.CreateFileSystemInput{CreationToken: str("shared"),
		Tags: []efstypes.Tag{{Key: str("Name"), Value: str("shared")}, {Key: str("ManagedBy"), Value: str("Terraform")}}})
	check("CreateFileSystem", fs, err)
	// moto fails (KeyError) on a mount target created without groups.
	mt, err := fc.CreateMountTarget(cx, &efs.CreateMountTargetInput{FileSystemId: fs.FileSystemId, SubnetId: &sn[0], SecurityGroups: []string{def}})
	check("CreateMountTarget", mt, err)
	k8s, err := eks.NewFromConfig(cfg).CreateCluster(cx, &eks.CreateClusterInput{Name: str("k8s"), RoleArn: str("arn:aws:iam::123456789012:role/eks"),
		ResourcesVpcConfig: &ekstypes.VpcConfigRequest{SubnetIds: sn, SecurityGroupIds: []string{def}},
		Tags:               map[string]string{"ManagedBy": "Terraform"}})
	check("CreateCluster k8s", k8s, err)
}
