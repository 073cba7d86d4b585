package ec2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// SecurityGroupReferences finds other groups of the account whose inbound
// or outbound rules name a default group: the resources in those groups lose
// access when the default group's members move, unless the rule is copied to
// name the replacement.
var SecurityGroupReferences = usage.Finder{
	Name:    "ec2-security-group-references",
	Service: "ec2",
	Reads:   "security groups whose rules name a default group (DescribeSecurityGroups filtered by ip-permission.group-id and egress.ip-permission.group-id)",
	IAM:     []string{"ec2:DescribeSecurityGroups"},
	Kinds:   []resource.Kind{SecurityGroupRule},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findGroupReferences(ctx, ec2.NewFromConfig(cfg), t)
	},
}

func findGroupReferences(ctx context.Context, api ec2.DescribeSecurityGroupsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	seen := map[string]bool{}
	for _, filter := range []string{"ip-permission.group-id", "egress.ip-permission.group-id"} {
		egress := filter != "ip-permission.group-id"
		for _, ids := range svc.Chunks(t.GroupIDs, 200) {
			p := ec2.NewDescribeSecurityGroupsPaginator(api, &ec2.DescribeSecurityGroupsInput{
				Filters: []types.Filter{{Name: aws.String(filter), Values: ids}}, MaxResults: aws.Int32(1000)})
			for p.HasMorePages() {
				page, err := p.NextPage(ctx)
				if err != nil {
					return out, err
				}
				for _, sg := range page.SecurityGroups {
					perms := sg.IpPermissions
					if egress {
						perms = sg.IpPermissionsEgress
					}
					for _, id := range referencedTargets(t, perms) {
						refID := aws.ToString(sg.GroupId)
						key := refID + "/" + id + "/" + filter
						if refID == id || seen[key] {
							continue // a default group's rule naming itself is not a user
						}
						seen[key] = true
						dir := "inbound"
						if egress {
							dir = "outbound"
						}
						out = append(out, usage.Usage{GroupID: id, Kind: usage.KindReference,
							ResourceKind: SecurityGroupRule, ResourceID: refID,
							Detail:    dir + " rule of " + aws.ToString(sg.GroupName) + " in " + aws.ToString(sg.VpcId),
							ManagedBy: svc.ManagedBy(sg.Tags), Change: usage.ChangeInPlace})
					}
				}
			}
		}
	}
	return out, nil
}

func referencedTargets(t usage.Target, perms []types.IpPermission) []string {
	var ids []string
	for _, p := range perms {
		for _, pair := range p.UserIdGroupPairs {
			ids = append(ids, aws.ToString(pair.GroupId))
		}
	}
	return svc.Matching(t, ids)
}
