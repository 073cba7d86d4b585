package finders

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/usage"
)

// EC2NetworkInterfaces finds live interfaces carrying a default group and
// attributes each to the resource that owns it (see eni_attribution.go).
var EC2NetworkInterfaces = usage.Finder{
	Name:    "ec2-network-interfaces",
	Service: "ec2",
	Reads:   "every network interface carrying a default group (DescribeNetworkInterfaces filtered by group-id)",
	IAM:     []string{"ec2:DescribeNetworkInterfaces"},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findNetworkInterfaces(ctx, ec2.NewFromConfig(cfg), t)
	},
}

func findNetworkInterfaces(ctx context.Context, api ec2.DescribeNetworkInterfacesAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	for _, ids := range chunks(t.GroupIDs, 200) {
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
						u := attribute(eni)
						u.GroupID = id
						out = append(out, u)
					}
				}
			}
		}
	}
	return out, nil
}

// chunks splits ids into slices of at most n, the per-filter value limit.
func chunks(ids []string, n int) [][]string {
	var out [][]string
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}
