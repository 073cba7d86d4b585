package ec2

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// EC2InterfacesAPI is what moving interfaces calls.
type EC2InterfacesAPI interface {
	ec2.DescribeNetworkInterfacesAPIClient
	ModifyNetworkInterfaceAttribute(ctx context.Context, in *ec2.ModifyNetworkInterfaceAttributeInput, opts ...func(*ec2.Options)) (*ec2.ModifyNetworkInterfaceAttributeOutput, error)
}

// interfaceMover moves an instance (every interface of it that carries the
// default group) or an unattached interface the user created. Interfaces
// that a service manages are moved through that service instead.
var interfaceMover = svc.Mover{
	API:  "ec2:ModifyNetworkInterfaceAttribute",
	ARNs: []string{"arn:aws:ec2:*:*:network-interface/*", "arn:aws:ec2:*:*:security-group/*"},
	IAM:  []string{"ec2:DescribeNetworkInterfaces", "ec2:ModifyNetworkInterfaceAttribute"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		return interfaceTargets(ctx, ec2.NewFromConfig(cfg), r, group)
	},
	Move: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, from, to string) error {
		return setInterface(ctx, ec2.NewFromConfig(cfg), t, from, to, false)
	},
	Restore: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target) error {
		_, err := ec2.NewFromConfig(cfg).ModifyNetworkInterfaceAttribute(ctx, &ec2.ModifyNetworkInterfaceAttributeInput{
			NetworkInterfaceId: aws.String(t.ID), Groups: t.Groups})
		return svc.OpErr("ec2:ModifyNetworkInterfaceAttribute "+t.ID, err)
	},
	DryRun: func(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, from, to string) error {
		return setInterface(ctx, ec2.NewFromConfig(cfg), t, from, to, true)
	},
}

func interfaceTargets(ctx context.Context, api EC2InterfacesAPI, r svc.Resource, group string) ([]svc.Target, error) {
	filters := []types.Filter{{Name: aws.String("group-id"), Values: []string{group}}}
	if strings.HasPrefix(r.ID, "eni-") {
		filters = append(filters, types.Filter{Name: aws.String("network-interface-id"), Values: []string{r.ID}})
	} else {
		filters = append(filters, types.Filter{Name: aws.String("attachment.instance-id"), Values: []string{r.ID}})
	}
	var out []svc.Target
	p := ec2.NewDescribeNetworkInterfacesPaginator(api, &ec2.DescribeNetworkInterfacesInput{Filters: filters})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, svc.OpErr("ec2:DescribeNetworkInterfaces", err)
		}
		for _, eni := range page.NetworkInterfaces {
			t := svc.Target{ID: aws.ToString(eni.NetworkInterfaceId)}
			for _, g := range eni.Groups {
				t.Groups = append(t.Groups, aws.ToString(g.GroupId))
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// setInterface swaps the group on one interface; with dryRun it only asks
// EC2 whether the call would be allowed.
func setInterface(ctx context.Context, api EC2InterfacesAPI, t svc.Target, from, to string, dryRun bool) error {
	next, ok := svc.Swap(t.Groups, from, to)
	if !ok {
		return nil
	}
	_, err := api.ModifyNetworkInterfaceAttribute(ctx, &ec2.ModifyNetworkInterfaceAttributeInput{
		NetworkInterfaceId: aws.String(t.ID), Groups: next, DryRun: aws.Bool(dryRun)})
	if dryRun && awsx.ErrorCode(err) == "DryRunOperation" {
		return nil
	}
	return svc.OpErr("ec2:ModifyNetworkInterfaceAttribute "+t.ID, err)
}
