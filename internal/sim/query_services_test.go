package sim

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancing"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
)

const servicesScenario = `
regions: [us-east-1]
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        security_groups: [{name: web, id: sg-0eb}]
        launch_configurations:
          - {name: lc-a, groups: [web], group_names: [default]}
          - {name: lc-b, groups: []}
        autoscaling_groups:
          - {name: asg-a, launch_configuration: lc-a, tags: {aws:cloudformation:stack-name: app}}
          - {name: asg-b, mixed_instances: {launch_template: {name: lt, version: $Latest}, overrides: [{id: lt-01, version: "3"}]}}
        load_balancers:
          - {name: alb}
          - {name: nlb, type: network}
          - {name: clb, type: classic, groups: [web], tags: {team: x}}
        db_clusters: [{name: aurora, groups: [web]}]
        db_instances: [{name: pg}, {name: aurora-1, cluster: aurora}]
        db_proxies: [{name: px}]
        cache_clusters: [{name: redis-1}]
        redshift_clusters: [{name: wh, groups: [default, web]}]
        efs_file_systems:
          - {id: fs-0a, name: shared, mount_targets: [{id: fsmt-0a}, {id: fsmt-0b, groups: [web]}]}
        eks_clusters: [{name: k8s, groups: [default], cluster_group: web}]
`

func TestQueryServicesThroughTheSDK(t *testing.T) {
	s := startScenario(t, servicesScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)

	var asgs []string
	ap := autoscaling.NewDescribeAutoScalingGroupsPaginator(autoscaling.NewFromConfig(cfg), &autoscaling.DescribeAutoScalingGroupsInput{MaxRecords: aws.Int32(1)})
	for ap.HasMorePages() {
		for _, g := range must[*autoscaling.DescribeAutoScalingGroupsOutput](t)(ap.NextPage(cx)).AutoScalingGroups {
			asgs = append(asgs, aws.ToString(g.AutoScalingGroupName)+"/"+aws.ToString(g.LaunchConfigurationName))
			if g.MixedInstancesPolicy != nil {
				lt := g.MixedInstancesPolicy.LaunchTemplate
				asgs = append(asgs, aws.ToString(lt.LaunchTemplateSpecification.LaunchTemplateName)+"@"+aws.ToString(lt.LaunchTemplateSpecification.Version),
					aws.ToString(lt.Overrides[0].LaunchTemplateSpecification.LaunchTemplateId))
			}
		}
	}
	if got := strings.Join(asgs, " "); got != "asg-a/lc-a asg-b/ lt@$Latest lt-01" {
		t.Errorf("ASGs: %s", got)
	}
	lcs := must[*autoscaling.DescribeLaunchConfigurationsOutput](t)(autoscaling.NewFromConfig(cfg).DescribeLaunchConfigurations(cx,
		&autoscaling.DescribeLaunchConfigurationsInput{LaunchConfigurationNames: []string{"lc-a"}}))
	if got := lcs.LaunchConfigurations[0].SecurityGroups; strings.Join(got, ",") != "sg-0eb,default" {
		t.Errorf("launch configuration groups: %v", got)
	}

	v2 := must[*elasticloadbalancingv2.DescribeLoadBalancersOutput](t)(elasticloadbalancingv2.NewFromConfig(cfg).DescribeLoadBalancers(cx, &elasticloadbalancingv2.DescribeLoadBalancersInput{}))
	if len(v2.LoadBalancers) != 2 || v2.LoadBalancers[0].SecurityGroups[0] != "sg-0def" || len(v2.LoadBalancers[1].SecurityGroups) != 0 {
		t.Errorf("ELBv2: %+v", v2.LoadBalancers)
	}
	classic := must[*elb.DescribeLoadBalancersOutput](t)(elb.NewFromConfig(cfg).DescribeLoadBalancers(cx, &elb.DescribeLoadBalancersInput{}))
	if len(classic.LoadBalancerDescriptions) != 1 || classic.LoadBalancerDescriptions[0].SecurityGroups[0] != "sg-0eb" {
		t.Errorf("classic ELB: %+v", classic.LoadBalancerDescriptions)
	}
	tags := must[*elb.DescribeTagsOutput](t)(elb.NewFromConfig(cfg).DescribeTags(cx, &elb.DescribeTagsInput{LoadBalancerNames: []string{"clb"}}))
	if aws.ToString(tags.TagDescriptions[0].Tags[0].Value) != "x" {
		t.Errorf("classic tags: %+v", tags.TagDescriptions)
	}

	rc := rds.NewFromConfig(cfg)
	inst := must[*rds.DescribeDBInstancesOutput](t)(rc.DescribeDBInstances(cx, &rds.DescribeDBInstancesInput{}))
	if len(inst.DBInstances) != 2 || aws.ToString(inst.DBInstances[0].VpcSecurityGroups[0].VpcSecurityGroupId) != "sg-0def" ||
		aws.ToString(inst.DBInstances[1].VpcSecurityGroups[0].VpcSecurityGroupId) != "sg-0eb" {
		t.Errorf("DB instances: %+v", inst.DBInstances)
	}
	_, err := rc.DescribeDBInstances(cx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("nope")})
	wantCode(t, err, "DBInstanceNotFound")
	_, err = rc.DescribeDBInstances(cx, &rds.DescribeDBInstancesInput{MaxRecords: aws.Int32(5)})
	wantCode(t, err, "InvalidParameterValue")
	cl := must[*rds.DescribeDBClustersOutput](t)(rc.DescribeDBClusters(cx, &rds.DescribeDBClustersInput{}))
	px := must[*rds.DescribeDBProxiesOutput](t)(rc.DescribeDBProxies(cx, &rds.DescribeDBProxiesInput{}))
	if aws.ToString(cl.DBClusters[0].VpcSecurityGroups[0].VpcSecurityGroupId) != "sg-0eb" || px.DBProxies[0].VpcSecurityGroupIds[0] != "sg-0def" {
		t.Errorf("clusters %+v proxies %+v", cl.DBClusters, px.DBProxies)
	}

	cc := must[*elasticache.DescribeCacheClustersOutput](t)(elasticache.NewFromConfig(cfg).DescribeCacheClusters(cx, &elasticache.DescribeCacheClustersInput{}))
	if aws.ToString(cc.CacheClusters[0].SecurityGroups[0].SecurityGroupId) != "sg-0def" {
		t.Errorf("cache clusters: %+v", cc.CacheClusters)
	}
	rs := must[*redshift.DescribeClustersOutput](t)(redshift.NewFromConfig(cfg).DescribeClusters(cx, &redshift.DescribeClustersInput{}))
	if len(rs.Clusters[0].VpcSecurityGroups) != 2 {
		t.Errorf("redshift: %+v", rs.Clusters)
	}

	fc := efs.NewFromConfig(cfg)
	mts := must[*efs.DescribeMountTargetsOutput](t)(fc.DescribeMountTargets(cx, &efs.DescribeMountTargetsInput{FileSystemId: aws.String("fs-0a"), MaxItems: aws.Int32(1)}))
	if len(mts.MountTargets) != 1 || aws.ToString(mts.NextMarker) == "" {
		t.Errorf("mount targets page: %+v", mts)
	}
	sgs := must[*efs.DescribeMountTargetSecurityGroupsOutput](t)(fc.DescribeMountTargetSecurityGroups(cx, &efs.DescribeMountTargetSecurityGroupsInput{MountTargetId: aws.String("fsmt-0b")}))
	if strings.Join(sgs.SecurityGroups, ",") != "sg-0eb" {
		t.Errorf("mount target groups: %v", sgs.SecurityGroups)
	}
	_, err = fc.DescribeMountTargetSecurityGroups(cx, &efs.DescribeMountTargetSecurityGroupsInput{MountTargetId: aws.String("fsmt-0ff")})
	wantCode(t, err, "MountTargetNotFound")

	kc := eks.NewFromConfig(cfg)
	list := must[*eks.ListClustersOutput](t)(kc.ListClusters(cx, &eks.ListClustersInput{}))
	desc := must[*eks.DescribeClusterOutput](t)(kc.DescribeCluster(cx, &eks.DescribeClusterInput{Name: aws.String(list.Clusters[0])}))
	if vc := desc.Cluster.ResourcesVpcConfig; vc.SecurityGroupIds[0] != "sg-0def" || aws.ToString(vc.ClusterSecurityGroupId) != "sg-0eb" {
		t.Errorf("EKS: %+v", vc)
	}
	_, err = kc.DescribeCluster(cx, &eks.DescribeClusterInput{Name: aws.String("nope")})
	wantCode(t, err, "ResourceNotFoundException")
}

func TestQueryServicesDeniedAndBadMarker(t *testing.T) {
	s := startScenario(t, `
accounts: [{id: "111111111111"}]
regions: [us-east-1]
faults: {deny: [{service: elasticloadbalancing, action: DescribeLoadBalancers}]}
`)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	_, err := elasticloadbalancingv2.NewFromConfig(cfg).DescribeLoadBalancers(cx, &elasticloadbalancingv2.DescribeLoadBalancersInput{})
	wantCode(t, err, "AccessDenied")
	_, err = autoscaling.NewFromConfig(cfg).DescribeAutoScalingGroups(cx, &autoscaling.DescribeAutoScalingGroupsInput{NextToken: aws.String("bogus")})
	wantCode(t, err, "ValidationError")
	_, err = efs.NewFromConfig(cfg).DescribeMountTargets(cx, &efs.DescribeMountTargetsInput{})
	wantCode(t, err, "BadRequest")
}

func TestQueryServicesScenarioErrors(t *testing.T) {
	for name, res := range map[string]string{
		"unknown launch configuration": `autoscaling_groups: [{name: a, launch_configuration: nope}]`,
		"two launch sources":           `{launch_configurations: [{name: l}], autoscaling_groups: [{name: a, launch_configuration: l, launch_template: {name: t}}]}`,
		"bad load balancer type":       `load_balancers: [{name: a, type: magic}]`,
		"unknown group":                `db_instances: [{name: a, groups: [nope]}]`,
		"instance of unknown cluster":  `db_instances: [{name: a, cluster: nope}]`,
		"duplicate name":               `cache_clusters: [{name: a}, {name: a}]`,
	} {
		sc, err := ParseScenario([]byte("accounts:\n  - id: \"111111111111\"\n    resources:\n      us-east-1: " + res + "\nregions: [us-east-1]\n"))
		if err == nil {
			_, err = New(sc)
		}
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
