package svc

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/usage"
)

// NoGroupPrefix marks, in a usage's GroupID, a resource that names no
// security group at all (an awsvpc task with an empty securityGroups list):
// AWS then places it in the default group of its subnets' VPC. The finder
// lists the subnets after the prefix; ResolveNoGroup turns them into that
// default group.
const NoGroupPrefix = "subnets:"

// NoGroupID is the placeholder GroupID of a resource naming no group in subnets.
func NoGroupID(subnets []string) string { return NoGroupPrefix + strings.Join(subnets, ",") }

// ResolveNoGroup replaces no-group placeholders by the default group of the
// subnets' VPC when that group is a target, and drops them otherwise. A
// failed subnet lookup is returned as an error: the usage is then unknown,
// never silently absent; the other usages are returned as partial results,
// without the placeholders (which name no group).
func ResolveNoGroup(ctx context.Context, api ec2.DescribeSubnetsAPIClient, t usage.Target, us []usage.Usage) ([]usage.Usage, error) {
	var subnets []string
	for _, u := range us {
		if s, ok := strings.CutPrefix(u.GroupID, NoGroupPrefix); ok && s != "" {
			subnets = append(subnets, strings.Split(s, ",")...)
		}
	}
	if len(subnets) == 0 {
		return us, nil
	}
	vpcOfSubnet := map[string]string{}
	for _, batch := range Chunks(dedupe(subnets), 200) {
		p := ec2.NewDescribeSubnetsPaginator(api, &ec2.DescribeSubnetsInput{SubnetIds: batch})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return WithoutNoGroup(us), err
			}
			for _, s := range page.Subnets {
				vpcOfSubnet[aws.ToString(s.SubnetId)] = aws.ToString(s.VpcId)
			}
		}
	}
	defaultOfVPC := map[string]string{}
	for g, v := range t.VpcOf {
		defaultOfVPC[v] = g
	}
	out := us[:0]
	for _, u := range us {
		s, ok := strings.CutPrefix(u.GroupID, NoGroupPrefix)
		if !ok {
			out = append(out, u)
			continue
		}
		for _, subnet := range strings.Split(s, ",") {
			if g := defaultOfVPC[vpcOfSubnet[subnet]]; g != "" && t.Has(g) {
				u.GroupID = g
				u.Detail = "names no security group, so it runs in its VPC's default group; " + u.Detail
				out = append(out, u)
				break
			}
		}
	}
	return out, nil
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// WithoutNoGroup drops unresolved placeholders from partial results.
func WithoutNoGroup(us []usage.Usage) []usage.Usage {
	out := us[:0]
	for _, u := range us {
		if !strings.HasPrefix(u.GroupID, NoGroupPrefix) {
			out = append(out, u)
		}
	}
	return out
}

// AwsvpcUsers is users for an awsvpc configuration: an empty group list
// runs in the subnets' VPC default group, left for ResolveNoGroup.
func AwsvpcUsers(t usage.Target, groups, subnets []string, base usage.Usage) []usage.Usage {
	if len(groups) == 0 {
		base.GroupID = NoGroupID(subnets)
		return []usage.Usage{base}
	}
	return Users(t, groups, base)
}

// RunsIn reports whether a resource that names no group in subnets runs in
// group, that is whether group is the default group of the subnets' VPC (a
// mover must not give such a resource another VPC's replacement group).
func RunsIn(ctx context.Context, api *ec2.Client, subnets []string, group string) (bool, error) {
	if len(subnets) == 0 {
		return false, nil
	}
	sn, err := api.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: subnets[:1]})
	if err != nil {
		return false, OpErr("ec2:DescribeSubnets", err)
	}
	g, err := api.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{group}})
	if err != nil {
		return false, OpErr("ec2:DescribeSecurityGroups", err)
	}
	return len(sn.Subnets) == 1 && len(g.SecurityGroups) == 1 && aws.ToString(g.SecurityGroups[0].GroupName) == "default" &&
		aws.ToString(sn.Subnets[0].VpcId) == aws.ToString(g.SecurityGroups[0].VpcId), nil
}

// NoGroupIAM are the reads RunsIn makes.
var NoGroupIAM = []string{"ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"}
