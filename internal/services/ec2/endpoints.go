package ec2

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// InstanceConnectEndpoints finds EC2 Instance Connect endpoints in a
// default group; CreateInstanceConnectEndpoint puts them there when given
// no group, so they are a common silent user.
var InstanceConnectEndpoints = usage.Finder{
	Name:    "ec2-instance-connect-endpoints",
	Service: "ec2",
	Reads:   "EC2 Instance Connect endpoints' SecurityGroupIds (DescribeInstanceConnectEndpoints)",
	IAM:     []string{"ec2:DescribeInstanceConnectEndpoints"},
	Kinds:   []resource.Kind{InstanceConnectEndpoint},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findInstanceConnectEndpoints(ctx, ec2.NewFromConfig(cfg), t)
	},
}

// ClientVPNEndpoints finds Client VPN endpoints whose groups (applied
// to their target network associations) include a default group.
var ClientVPNEndpoints = usage.Finder{
	Name:    "ec2-client-vpn-endpoints",
	Service: "ec2",
	Reads:   "Client VPN endpoints' SecurityGroupIds (DescribeClientVpnEndpoints)",
	IAM:     []string{"ec2:DescribeClientVpnEndpoints"},
	Kinds:   []resource.Kind{ClientVPNEndpoint},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findClientVpnEndpoints(ctx, ec2.NewFromConfig(cfg), t)
	},
}

func findInstanceConnectEndpoints(ctx context.Context, api ec2.DescribeInstanceConnectEndpointsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := ec2.NewDescribeInstanceConnectEndpointsPaginator(api, &ec2.DescribeInstanceConnectEndpointsInput{MaxResults: aws.Int32(50)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, ep := range page.InstanceConnectEndpoints {
			for _, id := range svc.Matching(t, ep.SecurityGroupIds) {
				out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLive,
					ResourceKind: InstanceConnectEndpoint, ResourceID: aws.ToString(ep.InstanceConnectEndpointId),
					ARN: aws.ToString(ep.InstanceConnectEndpointArn), Detail: "endpoint in " + aws.ToString(ep.SubnetId),
					ManagedBy: svc.ManagedBy(ep.Tags), Change: usage.ChangeInPlace})
			}
		}
	}
	return out, nil
}

func findClientVpnEndpoints(ctx context.Context, api ec2.DescribeClientVpnEndpointsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := ec2.NewDescribeClientVpnEndpointsPaginator(api, &ec2.DescribeClientVpnEndpointsInput{MaxResults: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, ep := range page.ClientVpnEndpoints {
			for _, id := range svc.Matching(t, ep.SecurityGroupIds) {
				out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLatent,
					ResourceKind: ClientVPNEndpoint, ResourceID: aws.ToString(ep.ClientVpnEndpointId),
					Detail: "applied to the interfaces of its target network associations", ManagedBy: svc.ManagedBy(ep.Tags),
					Change: usage.ChangeInPlace})
			}
		}
	}
	return out, nil
}
