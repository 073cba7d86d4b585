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

// NetworkInterfaces finds live interfaces carrying a default group and
// attributes each to the resource that owns it with sigs, every service's
// interface signatures (see attribution.go).
func NetworkInterfaces(sigs []svc.Signature) usage.Finder {
	kinds := []resource.Kind{Instance, Interface, UnattributedInterface}
	for _, s := range sigs {
		kinds = append(kinds, s.Kind)
	}
	return usage.Finder{
		Name:    "ec2-network-interfaces",
		Service: "ec2",
		Reads:   "every network interface carrying a default group (DescribeNetworkInterfaces filtered by group-id)",
		IAM:     []string{"ec2:DescribeNetworkInterfaces"},
		Kinds:   kinds,
		Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
			return findNetworkInterfaces(ctx, ec2.NewFromConfig(cfg), sigs, t)
		},
	}
}

func findNetworkInterfaces(ctx context.Context, api ec2.DescribeNetworkInterfacesAPIClient, sigs []svc.Signature, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	for _, ids := range svc.Chunks(t.GroupIDs, 200) {
		p := ec2.NewDescribeNetworkInterfacesPaginator(api, &ec2.DescribeNetworkInterfacesInput{
			Filters:    []types.Filter{{Name: aws.String("group-id"), Values: ids}},
			MaxResults: aws.Int32(1000),
		})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return out, err
			}
			for _, eni := range page.NetworkInterfaces {
				for _, g := range eni.Groups {
					if id := aws.ToString(g.GroupId); t.Has(id) {
						u := Attribute(sigs, eni)
						u.GroupID = id
						out = append(out, u)
					}
				}
			}
		}
	}
	return out, nil
}
