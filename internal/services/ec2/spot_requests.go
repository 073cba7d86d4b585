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

// SpotRequests finds Spot Instance requests that will still launch an
// instance into a default group: open ones (not yet fulfilled, either
// type), and persistent ones that are active or disabled, which EC2 opens
// again when their instance is interrupted (or, disabled, once it is
// started and then interrupted) and fulfils with a new instance from the
// same launch specification. Their groups are the specification's
// SecurityGroups (by id, or by name in the default VPC) and its network
// interfaces' groups; a specification naming none launches into its
// subnets' VPC default group (no subnet: the default VPC's).
var SpotRequests = usage.Finder{
	Name:    "ec2-spot-instance-requests",
	Service: "ec2",
	Reads: "open, and active or disabled persistent, Spot Instance requests' LaunchSpecification (SecurityGroups, NetworkInterfaces, SubnetId) " +
		"(DescribeSpotInstanceRequests); none named: the subnets' VPC (DescribeSubnets)",
	IAM:   []string{"ec2:DescribeSpotInstanceRequests", "ec2:DescribeSubnets"},
	Kinds: []resource.Kind{SpotRequest},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		api := ec2.NewFromConfig(cfg)
		us, err := findSpotRequests(ctx, api, t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, api, t, us)
	},
}

// relaunches reports whether a request in this state may still launch an
// instance from its specification.
func relaunches(r types.SpotInstanceRequest) bool {
	switch r.State {
	case types.SpotInstanceStateOpen:
		return true
	case types.SpotInstanceStateActive, types.SpotInstanceStateDisabled:
		return r.Type == types.SpotInstanceTypePersistent
	}
	return false
}

func findSpotRequests(ctx context.Context, api ec2.DescribeSpotInstanceRequestsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := ec2.NewDescribeSpotInstanceRequestsPaginator(api, &ec2.DescribeSpotInstanceRequestsInput{MaxResults: aws.Int32(1000),
		Filters: []types.Filter{{Name: aws.String("state"), Values: []string{"open", "active", "disabled"}}}})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, r := range page.SpotInstanceRequests {
			if !relaunches(r) || r.LaunchSpecification == nil {
				continue
			}
			ls := r.LaunchSpecification
			src := &fleetSources{t: t}
			src.spec(ls.SecurityGroups, ls.NetworkInterfaces, ls.SubnetId, "from its launch specification")
			detail := string(r.Type) + " request, " + string(r.State)
			for _, u := range src.usages(usage.Usage{Kind: usage.KindLatent, ResourceKind: SpotRequest,
				ResourceID: aws.ToString(r.SpotInstanceRequestId), ManagedBy: svc.ManagedBy(r.Tags), Change: usage.ChangeReplacement}) {
				u.Detail = detail + ": launches " + u.Detail[len("via "):]
				out = append(out, u)
			}
		}
	}
	return out, nil
}

// spotRequestStep: a Spot Instance request cannot be modified.
func spotRequestStep(u usage.Usage) string {
	return "Spot Instance request " + u.ResourceID + " launches into " + u.GroupID + " (" + u.Detail + "). " +
		"A Spot Instance request cannot be modified (EC2 has no Modify call for it): cancel it (ec2:CancelSpotInstanceRequests; " +
		"its running instance is not terminated, and moves like any instance) and request again naming the replacement group " +
		"(ec2:RequestSpotInstances, LaunchSpecification.SecurityGroupIds), or launch from a launch template that names it."
}
