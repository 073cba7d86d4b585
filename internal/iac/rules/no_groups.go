package rules

import (
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// takesGroups describes a resource type that AWS puts in the default group
// when none is given: any of Need present means groups are specified; When,
// if set, limits the check to the configurations that take groups at all
// (interface endpoints, application load balancers, VPC domains, ...).
type takesGroups struct {
	Type string
	Need []string
	When func(get func(path string) (string, bool)) bool
}

func present(path string) func(get func(string) (string, bool)) bool {
	return func(get func(string) (string, bool)) bool { _, ok := get(path); return ok }
}

func equalsOrAbsent(path, want string, absentOK bool) func(get func(string) (string, bool)) bool {
	return func(get func(string) (string, bool)) bool {
		v, ok := get(path)
		return (ok && strings.EqualFold(v, want)) || (!ok && absentOK)
	}
}

func cfnTakesGroups() []takesGroups {
	return []takesGroups{
		{Type: "AWS::EC2::Instance", Need: []string{"SecurityGroupIds", "SecurityGroups", "NetworkInterfaces", "LaunchTemplate"}},
		{Type: "AWS::EC2::VPCEndpoint", Need: []string{"SecurityGroupIds"}, When: equalsOrAbsent("VpcEndpointType", "Interface", false)},
		{Type: "AWS::RDS::DBInstance", Need: []string{"VPCSecurityGroups", "DBSecurityGroups", "DBClusterIdentifier", "SourceDBInstanceIdentifier"}},
		{Type: "AWS::RDS::DBCluster", Need: []string{"VpcSecurityGroupIds"}},
		{Type: "AWS::ElasticLoadBalancingV2::LoadBalancer", Need: []string{"SecurityGroups"}, When: equalsOrAbsent("Type", "application", true)},
		{Type: "AWS::OpenSearchService::Domain", Need: []string{"VPCOptions.SecurityGroupIds"}, When: present("VPCOptions")},
		{Type: "AWS::Elasticsearch::Domain", Need: []string{"VPCOptions.SecurityGroupIds"}, When: present("VPCOptions")},
		{Type: "AWS::ECS::Service", Need: []string{"NetworkConfiguration.AwsvpcConfiguration.SecurityGroups"}, When: present("NetworkConfiguration")},
		{Type: "AWS::ElastiCache::CacheCluster", Need: []string{"VpcSecurityGroupIds", "CacheSecurityGroupNames"}},
	}
}

func tfTakesGroups() []takesGroups {
	return []takesGroups{
		{Type: "aws_instance", Need: []string{"vpc_security_group_ids", "security_groups", "network_interface", "launch_template"}},
		{Type: "aws_vpc_endpoint", Need: []string{"security_group_ids"}, When: equalsOrAbsent("vpc_endpoint_type", "Interface", false)},
		{Type: "aws_db_instance", Need: []string{"vpc_security_group_ids", "replicate_source_db"}},
		{Type: "aws_rds_cluster", Need: []string{"vpc_security_group_ids"}},
		{Type: "aws_lb", Need: []string{"security_groups"}, When: equalsOrAbsent("load_balancer_type", "application", true)},
		{Type: "aws_opensearch_domain", Need: []string{"vpc_options.security_group_ids"}, When: present("vpc_options")},
		{Type: "aws_elasticsearch_domain", Need: []string{"vpc_options.security_group_ids"}, When: present("vpc_options")},
		{Type: "aws_ecs_service", Need: []string{"network_configuration.security_groups"}, When: present("network_configuration")},
		{Type: "aws_elasticache_cluster", Need: []string{"security_group_ids", "security_group_names"}},
	}
}

// checkNoGroups (DSG007) is advisory: an omitted group list is how a
// resource silently joins the default group.
func checkNoGroups(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, t := range w.Templates {
		for _, res := range t.Resources {
			get := func(path string) (string, bool) { return cfnGet(res.Properties, path) }
			if tg, ok := missingGroups(cfnTakesGroups(), res.Type, get); ok {
				out = append(out, r.at(res.Pos, res.Pos, res.ID, "",
					fmt.Sprintf("%s %s specifies no security groups (%s), so it is placed in the default group", res.Type, res.ID, strings.Join(tg.Need, ", ")),
					hit{}))
			}
		}
	}
	for _, m := range w.tf.order {
		for _, b := range m.blocks {
			if b.Type != "resource" {
				continue
			}
			get := func(path string) (string, bool) { return tfGet(b, path) }
			if tg, ok := missingGroups(tfTakesGroups(), b.Label(0), get); ok {
				out = append(out, r.at(b.Pos, b.Pos, tfAddr(b), "",
					fmt.Sprintf("%s specifies no security groups (%s), so it is placed in the default group", tfAddr(b), strings.Join(tg.Need, ", ")),
					hit{}))
			}
		}
	}
	return out
}

func missingGroups(table []takesGroups, typ string, get func(string) (string, bool)) (takesGroups, bool) {
	for _, tg := range table {
		if tg.Type != typ || (tg.When != nil && !tg.When(get)) {
			continue
		}
		for _, p := range tg.Need {
			if _, ok := get(p); ok {
				return tg, false
			}
		}
		return tg, true
	}
	return takesGroups{}, false
}

// cfnGet looks up a dotted property path; the string is the scalar value
// ("" for maps, lists and intrinsics).
func cfnGet(v *model.Value, path string) (string, bool) {
	for _, k := range strings.Split(path, ".") {
		v = v.Get(k)
		if v == nil {
			return "", false
		}
	}
	return v.Str, v.Kind != model.Null
}

func tfGet(b *model.Block, path string) (string, bool) {
	parts := strings.Split(path, ".")
	for _, k := range parts[:len(parts)-1] {
		nbs := b.BlocksOf(k)
		if len(nbs) == 0 {
			if a := b.Attr(k); a != nil { // JSON syntax or attribute-as-block
				return "", true
			}
			return "", false
		}
		b = nbs[0]
	}
	last := parts[len(parts)-1]
	if a := b.Attr(last); a != nil {
		s, _ := a.Expr.Value.(string)
		return s, true
	}
	return "", len(b.BlocksOf(last)) > 0
}
