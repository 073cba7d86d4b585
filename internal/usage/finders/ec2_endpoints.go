package finders

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/usage"
)

// EC2InstanceConnectEndpoints finds EC2 Instance Connect endpoints in a
// default group; CreateInstanceConnectEndpoint puts them there when given
// no group, so they are a common silent user.
var EC2InstanceConnectEndpoints = usage.Finder{
	Name:    "ec2-instance-connect-endpoints",
	Service: "ec2",
	Reads:   "EC2 Instance Connect endpoints' SecurityGroupIds (DescribeInstanceConnectEndpoints)",
	IAM:     []string{"ec2:DescribeInstanceConnectEndpoints"},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findInstanceConnectEndpoints(ctx, ec2.NewFromConfig(cfg), t)
	},
}

// EC2ClientVpnEndpoints finds Client VPN endpoints whose groups (applied
// to their target network associations) include a default group.
var EC2ClientVpnEndpoints = usage.Finder{
	Name:    "ec2-client-vpn-endpoints",
	Service: "ec2",
	Reads:   "Client VPN endpoints' SecurityGroupIds (DescribeClientVpnEndpoints)",
	IAM:     []string{"ec2:DescribeClientVpnEndpoints"},
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
			for _, id := range matching(t, ep.SecurityGroupIds) {
				out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLive, Service: "ec2",
					ResourceType: "EC2 Instance Connect endpoint", ResourceID: aws.ToString(ep.InstanceConnectEndpointId),
					ARN: aws.ToString(ep.InstanceConnectEndpointArn), Detail: "endpoint in " + aws.ToString(ep.SubnetId),
					ManagedBy: managedBy(ep.Tags), Change: usage.ChangeInPlace})
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
			for _, id := range matching(t, ep.SecurityGroupIds) {
				out = append(out, usage.Usage{GroupID: id, Kind: usage.KindLatent, Service: "ec2",
					ResourceType: "Client VPN endpoint", ResourceID: aws.ToString(ep.ClientVpnEndpointId),
					Detail: "applied to the interfaces of its target network associations", ManagedBy: managedBy(ep.Tags),
					Change: usage.ChangeInPlace})
			}
		}
	}
	return out, nil
}
