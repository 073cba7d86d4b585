// Package inventory reads the default security groups of one account-region:
// the VPCs, their default groups and every rule of those groups. audit, close,
// usage and plan all start from this one read.
package inventory

import (
	"context"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"golang.org/x/sync/errgroup"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// EC2API is what reading default groups needs; *ec2.Client satisfies it.
type EC2API interface {
	ec2.DescribeVpcsAPIClient
	ec2.DescribeSecurityGroupsAPIClient
	ec2.DescribeSecurityGroupRulesAPIClient
}

// Group is one VPC's default security group with all of its rules.
type Group struct {
	Account      string        `json:"account"`
	Region       string        `json:"region"`
	VpcID        string        `json:"vpc_id"`
	VpcName      string        `json:"vpc_name,omitempty"`
	VpcIsDefault bool          `json:"vpc_is_default"`
	GroupID      string        `json:"group_id"`
	GroupName    string        `json:"group_name"`
	Rules        []sgrule.Rule `json:"rules"`
}

// Compliant reports EC2.2 compliance: no inbound and no outbound rule.
func (g Group) Compliant() bool { return len(g.Rules) == 0 }

// Inbound and Outbound split the rules by direction.
func (g Group) Inbound() []sgrule.Rule  { return g.side(false) }
func (g Group) Outbound() []sgrule.Rule { return g.side(true) }

func (g Group) side(egress bool) []sgrule.Rule {
	var out []sgrule.Rule
	for _, r := range g.Rules {
		if r.Egress == egress {
			out = append(out, r)
		}
	}
	return out
}

// Filter narrows which default groups are read; empty means all.
type Filter struct {
	VpcIDs   []string
	GroupIDs []string
	// ByRegion, when not nil, names the only groups read in each
	// "account/region" (--from-securityhub): a region it does not name is
	// not read at all, and an empty map selects no group.
	ByRegion map[string][]string
}

// in is f as it applies to one account-region, and whether anything is to
// be read there.
func (f Filter) in(account, region string) (Filter, bool) {
	if f.ByRegion == nil {
		return f, true
	}
	ids := f.ByRegion[account+"/"+region]
	return Filter{GroupIDs: ids}, len(ids) > 0
}

// filterChunk keeps filter value lists under EC2's per-filter limit.
const filterChunk = 200

// ListDefaultGroups returns the default group of every VPC in the region,
// sorted by VPC id. Errors are wrapped with account, region and operation.
func ListDefaultGroups(ctx context.Context, api EC2API, account, region string, f Filter) ([]Group, error) {
	var (
		vpcs   map[string]types.Vpc
		groups []types.SecurityGroup
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		vpcs, err = describeVpcs(gctx, api, f.VpcIDs)
		return awsx.Wrap(account, region, "ec2:DescribeVpcs", err)
	})
	g.Go(func() (err error) {
		groups, err = describeDefaultGroups(gctx, api, f)
		return awsx.Wrap(account, region, "ec2:DescribeSecurityGroups", err)
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := consistent(vpcs, groups, f); err != nil {
		return nil, awsx.Wrap(account, region, "ec2:DescribeSecurityGroups", err)
	}
	ids := make([]string, 0, len(groups))
	for _, sg := range groups {
		ids = append(ids, aws.ToString(sg.GroupId))
	}
	rules, err := Rules(ctx, api, ids)
	if err != nil {
		return nil, awsx.Wrap(account, region, "ec2:DescribeSecurityGroupRules", err)
	}
	out := make([]Group, 0, len(groups))
	for _, sg := range groups {
		vpcID := aws.ToString(sg.VpcId)
		v := vpcs[vpcID]
		grp := Group{
			Account:      account,
			Region:       region,
			VpcID:        vpcID,
			VpcName:      tagValue(v.Tags, "Name"),
			VpcIsDefault: aws.ToBool(v.IsDefault),
			GroupID:      aws.ToString(sg.GroupId),
			GroupName:    aws.ToString(sg.GroupName),
			Rules:        rules[aws.ToString(sg.GroupId)],
		}
		if grp.Rules == nil {
			grp.Rules = []sgrule.Rule{}
		}
		sgrule.Sort(grp.Rules)
		out = append(out, grp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].VpcID < out[j].VpcID })
	return out, nil
}

// IncompleteAnswerError is a pair of answers that cannot both be whole:
// AWS creates a default group with every VPC and it cannot be deleted, so a
// VPC without one (or a default group without its VPC) means an answer was
// cut short or was not EC2's. The region is unreadable, never compliant.
type IncompleteAnswerError struct {
	VpcsWithoutGroup []string
	GroupsWithoutVpc []string
}

func (e *IncompleteAnswerError) Error() string {
	var parts []string
	if len(e.VpcsWithoutGroup) > 0 {
		parts = append(parts, "no default group for "+strings.Join(e.VpcsWithoutGroup, ", ")+" (every VPC has one)")
	}
	if len(e.GroupsWithoutVpc) > 0 {
		parts = append(parts, "default groups of unlisted VPCs: "+strings.Join(e.GroupsWithoutVpc, ", "))
	}
	return "incomplete answer: " + strings.Join(parts, "; ")
}

// consistent checks the VPCs against their default groups. With a group-id
// filter only the groups' own VPCs are checked.
func consistent(vpcs map[string]types.Vpc, groups []types.SecurityGroup, f Filter) error {
	var e IncompleteAnswerError
	hasGroup := map[string]bool{}
	for _, sg := range groups {
		vpc := aws.ToString(sg.VpcId)
		hasGroup[vpc] = true
		if _, ok := vpcs[vpc]; !ok {
			e.GroupsWithoutVpc = append(e.GroupsWithoutVpc, aws.ToString(sg.GroupId)+" ("+vpc+")")
		}
	}
	if len(f.GroupIDs) == 0 {
		for id := range vpcs {
			if !hasGroup[id] {
				e.VpcsWithoutGroup = append(e.VpcsWithoutGroup, id)
			}
		}
	}
	if len(e.VpcsWithoutGroup)+len(e.GroupsWithoutVpc) == 0 {
		return nil
	}
	sort.Strings(e.VpcsWithoutGroup)
	sort.Strings(e.GroupsWithoutVpc)
	return &e
}

func describeVpcs(ctx context.Context, api ec2.DescribeVpcsAPIClient, ids []string) (map[string]types.Vpc, error) {
	in := &ec2.DescribeVpcsInput{}
	if len(ids) > 0 {
		in.Filters = []types.Filter{{Name: aws.String("vpc-id"), Values: ids}}
	}
	out := map[string]types.Vpc{}
	p := ec2.NewDescribeVpcsPaginator(api, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, v := range page.Vpcs {
			out[aws.ToString(v.VpcId)] = v
		}
	}
	return out, nil
}

func describeDefaultGroups(ctx context.Context, api ec2.DescribeSecurityGroupsAPIClient, f Filter) ([]types.SecurityGroup, error) {
	filters := []types.Filter{{Name: aws.String("group-name"), Values: []string{"default"}}}
	if len(f.VpcIDs) > 0 {
		filters = append(filters, types.Filter{Name: aws.String("vpc-id"), Values: f.VpcIDs})
	}
	if len(f.GroupIDs) > 0 {
		filters = append(filters, types.Filter{Name: aws.String("group-id"), Values: f.GroupIDs})
	}
	var out []types.SecurityGroup
	p := ec2.NewDescribeSecurityGroupsPaginator(api, &ec2.DescribeSecurityGroupsInput{Filters: filters, MaxResults: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, sg := range page.SecurityGroups {
			// group-name=default also matches nothing else in a VPC, but
			// EC2-Classic style groups have no VPC and are out of scope.
			if sg.VpcId != nil {
				out = append(out, sg)
			}
		}
	}
	return out, nil
}

// Rules returns the current rules of the given groups, keyed by group id.
func Rules(ctx context.Context, api ec2.DescribeSecurityGroupRulesAPIClient, groupIDs []string) (map[string][]sgrule.Rule, error) {
	out := map[string][]sgrule.Rule{}
	for start := 0; start < len(groupIDs); start += filterChunk {
		end := min(start+filterChunk, len(groupIDs))
		p := ec2.NewDescribeSecurityGroupRulesPaginator(api, &ec2.DescribeSecurityGroupRulesInput{
			Filters:    []types.Filter{{Name: aws.String("group-id"), Values: groupIDs[start:end]}},
			MaxResults: aws.Int32(1000),
		})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, r := range page.SecurityGroupRules {
				id := aws.ToString(r.GroupId)
				out[id] = append(out[id], sgrule.FromEC2(r))
			}
		}
	}
	return out, nil
}

func tagValue(tags []types.Tag, key string) string {
	for _, t := range tags {
		if aws.ToString(t.Key) == key {
			return aws.ToString(t.Value)
		}
	}
	return ""
}

// ReplacesTag marks a replacement group with the default group it replaces.
const ReplacesTag = "defaultsg:replaces"

// Replacements returns, for each of the default groups, the replacement an
// earlier apply created (a group tagged ReplacesTag with its id), keyed by
// default group id.
func Replacements(ctx context.Context, api ec2.DescribeSecurityGroupsAPIClient, defaultIDs []string) (map[string]string, error) {
	out := map[string]string{}
	for start := 0; start < len(defaultIDs); start += filterChunk {
		end := min(start+filterChunk, len(defaultIDs))
		p := ec2.NewDescribeSecurityGroupsPaginator(api, &ec2.DescribeSecurityGroupsInput{
			Filters:    []types.Filter{{Name: aws.String("tag:" + ReplacesTag), Values: defaultIDs[start:end]}},
			MaxResults: aws.Int32(1000),
		})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, g := range page.SecurityGroups {
				if def := tagValue(g.Tags, ReplacesTag); def != "" && out[def] == "" {
					out[def] = aws.ToString(g.GroupId)
				}
			}
		}
	}
	return out, nil
}
