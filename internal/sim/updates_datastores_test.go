package sim

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	redshifttypes "github.com/aws/aws-sdk-go-v2/service/redshift/types"
)

// Group changes that AWS applies asynchronously: RDS, ElastiCache and
// Redshift show the resource "modifying" for the next Describe that
// includes it, then "available". The interfaces move at once.

const dataStoresScenario = `
regions: [us-east-1]
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {id: sg-0def}
        vpcs:
          - name: other
            cidr: 10.2.0.0/16
            subnets: [{name: other-a, cidr: 10.2.1.0/24, az: b}]
        security_groups:
          - {name: web, id: sg-0eb}
          - {name: app, id: sg-0a1}
          - {name: far, id: sg-0fa, vpc: other}
        db_clusters: [{name: aurora, groups: [web]}]
        db_instances: [{name: pg}, {name: other-pg, vpc: other, groups: [far]}, {name: aurora-1, cluster: aurora}]
        db_proxies: [{name: px}]
        cache_clusters: [{name: redis}, {name: redis-2}]
        redshift_clusters: [{name: wh, groups: [default, web]}]
        network_interfaces:
          - {id: eni-00000000000000001, description: RDSNetworkInterface, requester_id: amazon-rds, requester_managed: true}
          - {id: eni-00000000000000002, description: RDSNetworkInterface, groups: [web], requester_id: amazon-rds, requester_managed: true}
          - {id: eni-00000000000000003, description: RDSNetworkInterface, vpc: other, groups: [far], requester_id: amazon-rds, requester_managed: true}
          - {id: eni-00000000000000004, description: Network interface for DBProxy px, requester_managed: true}
          - {id: eni-00000000000000005, description: ElastiCache redis-0001, requester_id: amazon-elasticache, requester_managed: true}
          - {id: eni-00000000000000006, description: ElastiCache redis-2-0001, requester_id: amazon-elasticache, requester_managed: true}
          - {id: eni-00000000000000007, description: RedshiftNetworkInterface, groups: [default, web], requester_id: amazon-redshift, requester_managed: true}
          - {id: eni-00000000000000008, description: RedshiftNetworkInterface, requester_id: amazon-redshift, requester_managed: true}
`

func rdsGroups(ms []rdstypes.VpcSecurityGroupMembership) string {
	var out []string
	for _, m := range ms {
		out = append(out, aws.ToString(m.VpcSecurityGroupId)+"="+aws.ToString(m.Status))
	}
	return strings.Join(out, ",")
}

func TestModifyDBInstanceAndCluster(t *testing.T) {
	s := startScenario(t, dataStoresScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	rc, ec := rds.NewFromConfig(cfg), ec2For(s, acct, "us-east-1")
	describe := func(id string) rdstypes.DBInstance {
		t.Helper()
		return must[*rds.DescribeDBInstancesOutput](t)(rc.DescribeDBInstances(cx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(id)})).DBInstances[0]
	}

	out := must[*rds.ModifyDBInstanceOutput](t)(rc.ModifyDBInstance(cx, &rds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("pg"),
		VpcSecurityGroupIds: []string{"sg-0a1"}, ApplyImmediately: aws.Bool(true)}))
	if aws.ToString(out.DBInstance.DBInstanceStatus) != "modifying" {
		t.Errorf("ModifyDBInstance answered status %s", aws.ToString(out.DBInstance.DBInstanceStatus))
	}
	_, err := rc.ModifyDBInstance(cx, &rds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("pg"), VpcSecurityGroupIds: []string{"sg-0eb"}})
	wantCode(t, err, "InvalidDBInstanceState")
	for i, want := range []string{"modifying sg-0a1=adding,sg-0def=removing", "available sg-0a1=active", "available sg-0a1=active"} {
		d := describe("pg")
		if got := aws.ToString(d.DBInstanceStatus) + " " + rdsGroups(d.VpcSecurityGroups); got != want {
			t.Errorf("Describe %d: %s, want %s", i+1, got, want)
		}
	}
	// Only the instance's own interface (default VPC, old groups) moved.
	wantENIGroups(t, ec, map[string]string{"eni-00000000000000001": "sg-0a1", "eni-00000000000000002": "sg-0eb",
		"eni-00000000000000003": "sg-0fa"})

	cl := must[*rds.ModifyDBClusterOutput](t)(rc.ModifyDBCluster(cx, &rds.ModifyDBClusterInput{DBClusterIdentifier: aws.String("aurora"),
		VpcSecurityGroupIds: []string{"sg-0a1"}, ApplyImmediately: aws.Bool(true)}))
	if got := aws.ToString(cl.DBCluster.Status) + " " + rdsGroups(cl.DBCluster.VpcSecurityGroups); got != "modifying sg-0a1=adding,sg-0eb=removing" {
		t.Errorf("ModifyDBCluster answered %s", got)
	}
	for i, want := range []string{"modifying", "available"} {
		d := must[*rds.DescribeDBClustersOutput](t)(rc.DescribeDBClusters(cx, &rds.DescribeDBClustersInput{})).DBClusters[0]
		if aws.ToString(d.Status) != want {
			t.Errorf("DescribeDBClusters %d: %s, want %s", i+1, aws.ToString(d.Status), want)
		}
	}
	if got := rdsGroups(describe("aurora-1").VpcSecurityGroups); got != "sg-0a1=active" {
		t.Errorf("the cluster's instance has %s", got)
	}
	// The cluster's interface (its old groups) moved; pg's was already on sg-0a1.
	wantENIGroups(t, ec, map[string]string{"eni-00000000000000001": "sg-0a1", "eni-00000000000000002": "sg-0a1"})

	for name, c := range map[string]struct {
		id, code string
		groups   []string
	}{
		"unknown instance":     {"nope", "DBInstanceNotFound", []string{"sg-0eb"}},
		"unknown group":        {"other-pg", "InvalidParameterValue", []string{"sg-0ff"}},
		"group of another VPC": {"other-pg", "InvalidParameterCombination", []string{"sg-0eb"}},
		"Aurora instance":      {"aurora-1", "InvalidParameterCombination", []string{"sg-0eb"}},
	} {
		_, err := rc.ModifyDBInstance(cx, &rds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String(c.id), VpcSecurityGroupIds: c.groups})
		t.Run(name, func(t *testing.T) { wantCode(t, err, c.code) })
	}
	_, err = rc.ModifyDBCluster(cx, &rds.ModifyDBClusterInput{DBClusterIdentifier: aws.String("nope"), VpcSecurityGroupIds: []string{"sg-0eb"}})
	wantCode(t, err, "DBClusterNotFoundFault")
}

func TestModifyDBProxy(t *testing.T) {
	s := startScenario(t, dataStoresScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	rc := rds.NewFromConfig(cfg)

	out := must[*rds.ModifyDBProxyOutput](t)(rc.ModifyDBProxy(cx, &rds.ModifyDBProxyInput{DBProxyName: aws.String("px"), SecurityGroups: []string{"sg-0eb", "sg-0a1"}}))
	if got := string(out.DBProxy.Status) + " " + strings.Join(out.DBProxy.VpcSecurityGroupIds, ","); got != "modifying sg-0eb,sg-0a1" {
		t.Errorf("ModifyDBProxy answered %s", got)
	}
	for i, want := range []string{"modifying", "available"} {
		p := must[*rds.DescribeDBProxiesOutput](t)(rc.DescribeDBProxies(cx, &rds.DescribeDBProxiesInput{DBProxyName: aws.String("px")})).DBProxies[0]
		if string(p.Status) != want || strings.Join(p.VpcSecurityGroupIds, ",") != "sg-0eb,sg-0a1" {
			t.Errorf("DescribeDBProxies %d: %s %v", i+1, p.Status, p.VpcSecurityGroupIds)
		}
	}
	wantENIGroups(t, ec2For(s, acct, "us-east-1"), map[string]string{"eni-00000000000000004": "sg-0a1,sg-0eb", "eni-00000000000000001": "sg-0def"})
	_, err := rc.ModifyDBProxy(cx, &rds.ModifyDBProxyInput{DBProxyName: aws.String("nope"), SecurityGroups: []string{"sg-0eb"}})
	wantCode(t, err, "DBProxyNotFoundFault")
}

func TestModifyCacheCluster(t *testing.T) {
	s := startScenario(t, dataStoresScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	cc := elasticache.NewFromConfig(cfg)

	out := must[*elasticache.ModifyCacheClusterOutput](t)(cc.ModifyCacheCluster(cx, &elasticache.ModifyCacheClusterInput{
		CacheClusterId: aws.String("redis"), SecurityGroupIds: []string{"sg-0eb"}, ApplyImmediately: aws.Bool(true)}))
	if aws.ToString(out.CacheCluster.CacheClusterStatus) != "modifying" {
		t.Errorf("ModifyCacheCluster answered %s", aws.ToString(out.CacheCluster.CacheClusterStatus))
	}
	for i, want := range []string{"modifying sg-0eb=adding,sg-0def=removing", "available sg-0eb=active"} {
		c := must[*elasticache.DescribeCacheClustersOutput](t)(cc.DescribeCacheClusters(cx, &elasticache.DescribeCacheClustersInput{})).CacheClusters[0]
		var groups []string
		for _, g := range c.SecurityGroups {
			groups = append(groups, aws.ToString(g.SecurityGroupId)+"="+aws.ToString(g.Status))
		}
		if got := aws.ToString(c.CacheClusterStatus) + " " + strings.Join(groups, ","); got != want {
			t.Errorf("Describe %d: %s, want %s", i+1, got, want)
		}
	}
	// redis-2's node is not redis's although its name starts the same.
	wantENIGroups(t, ec2For(s, acct, "us-east-1"), map[string]string{"eni-00000000000000005": "sg-0eb", "eni-00000000000000006": "sg-0def"})

	for name, c := range map[string]struct {
		id, code string
		groups   []string
	}{
		"unknown cluster":      {"nope", "CacheClusterNotFound", []string{"sg-0eb"}},
		"unknown group":        {"redis-2", "InvalidParameterValue", []string{"sg-0ff"}},
		"group of another VPC": {"redis-2", "InvalidVPCNetworkStateFault", []string{"sg-0fa"}},
	} {
		_, err := cc.ModifyCacheCluster(cx, &elasticache.ModifyCacheClusterInput{CacheClusterId: aws.String(c.id), SecurityGroupIds: c.groups})
		t.Run(name, func(t *testing.T) { wantCode(t, err, c.code) })
	}
}

func TestModifyRedshiftCluster(t *testing.T) {
	s := startScenario(t, dataStoresScenario)
	cfg, cx := sdkConfig(s, acct, "us-east-1"), ctxT(t)
	rc := redshift.NewFromConfig(cfg)
	state := func(c redshifttypes.Cluster) string {
		var groups []string
		for _, g := range c.VpcSecurityGroups {
			groups = append(groups, aws.ToString(g.VpcSecurityGroupId)+"="+aws.ToString(g.Status))
		}
		return aws.ToString(c.ClusterStatus) + "/" + aws.ToString(c.ClusterAvailabilityStatus) + " " + strings.Join(groups, ",")
	}

	out := must[*redshift.ModifyClusterOutput](t)(rc.ModifyCluster(cx, &redshift.ModifyClusterInput{ClusterIdentifier: aws.String("wh"), VpcSecurityGroupIds: []string{"sg-0eb", "sg-0a1"}}))
	if got := state(*out.Cluster); got != "modifying/Modifying sg-0eb=active,sg-0a1=adding,sg-0def=removing" {
		t.Errorf("ModifyCluster answered %s", got)
	}
	_, err := rc.ModifyCluster(cx, &redshift.ModifyClusterInput{ClusterIdentifier: aws.String("wh"), VpcSecurityGroupIds: []string{"sg-0eb"}})
	wantCode(t, err, "InvalidClusterState")
	for i, want := range []string{"modifying/Modifying sg-0eb=active,sg-0a1=adding,sg-0def=removing", "available/Available sg-0eb=active,sg-0a1=active"} {
		c := must[*redshift.DescribeClustersOutput](t)(rc.DescribeClusters(cx, &redshift.DescribeClustersInput{ClusterIdentifier: aws.String("wh")})).Clusters[0]
		if got := state(c); got != want {
			t.Errorf("Describe %d: %s, want %s", i+1, got, want)
		}
	}
	wantENIGroups(t, ec2For(s, acct, "us-east-1"), map[string]string{"eni-00000000000000007": "sg-0a1,sg-0eb", "eni-00000000000000008": "sg-0def"})

	_, err = rc.ModifyCluster(cx, &redshift.ModifyClusterInput{ClusterIdentifier: aws.String("nope"), VpcSecurityGroupIds: []string{"sg-0eb"}})
	wantCode(t, err, "ClusterNotFound")
	_, err = rc.ModifyCluster(cx, &redshift.ModifyClusterInput{ClusterIdentifier: aws.String("wh"), VpcSecurityGroupIds: []string{"sg-0fa"}})
	wantCode(t, err, "InvalidParameterValue")
}
