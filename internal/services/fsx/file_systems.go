package fsx

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/fsx"
	fsxtypes "github.com/aws/aws-sdk-go-v2/service/fsx/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// FileSystems finds FSx file systems whose interfaces are in a default
// group. DescribeFileSystems returns no groups (they are a create-only
// parameter), only NetworkInterfaceIds, so the groups are read from those
// interfaces, filtered on the server to the target groups.
var FileSystems = usage.Finder{
	Name:    "fsx-file-systems",
	Service: "fsx",
	Reads:   "file systems' NetworkInterfaceIds (DescribeFileSystems), then those interfaces' groups (ec2:DescribeNetworkInterfaces)",
	IAM:     []string{"fsx:DescribeFileSystems", "ec2:DescribeNetworkInterfaces"},
	Kinds:   []resource.Kind{FileSystem},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findFileSystems(ctx, fsx.NewFromConfig(cfg), ec2.NewFromConfig(cfg), t)
	},
}

// interfaceIDsPerCall keeps each network-interface-id filter within
// EC2's 200 values.
const interfaceIDsPerCall = 200

func findFileSystems(ctx context.Context, api fsx.DescribeFileSystemsAPIClient, enis ec2.DescribeNetworkInterfacesAPIClient, t usage.Target) ([]usage.Usage, error) {
	var systems []usage.Usage
	owner := map[string]int{} // interface id → index in systems
	var ids []string
	p := fsx.NewDescribeFileSystemsPaginator(api, &fsx.DescribeFileSystemsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, fs := range page.FileSystems {
			systems = append(systems, usage.Usage{Kind: usage.KindLive, ResourceKind: FileSystem,
				ResourceID: aws.ToString(fs.FileSystemId), ARN: aws.ToString(fs.ResourceARN),
				Detail: string(fs.FileSystemType) + ", " + string(fs.Lifecycle), Change: usage.ChangeReplacement,
				ManagedBy: svc.ManagedBy(svc.TagsOf(fs.Tags, func(tg fsxtypes.Tag) (*string, *string) { return tg.Key, tg.Value }))})
			for _, id := range fs.NetworkInterfaceIds {
				owner[id] = len(systems) - 1
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 || len(t.GroupIDs) == 0 {
		return nil, nil
	}
	groups := make([][]string, len(systems))
	for _, batch := range svc.Chunks(ids, interfaceIDsPerCall) {
		in := &ec2.DescribeNetworkInterfacesInput{Filters: []ec2types.Filter{
			{Name: aws.String("network-interface-id"), Values: batch},
			{Name: aws.String("group-id"), Values: t.GroupIDs},
		}}
		pe := ec2.NewDescribeNetworkInterfacesPaginator(enis, in)
		for pe.HasMorePages() {
			page, err := pe.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			for _, n := range page.NetworkInterfaces {
				i, ok := owner[aws.ToString(n.NetworkInterfaceId)]
				if !ok {
					continue
				}
				for _, g := range n.Groups {
					groups[i] = append(groups[i], aws.ToString(g.GroupId))
				}
			}
		}
	}
	var out []usage.Usage
	for i, u := range systems {
		out = append(out, svc.Users(t, groups[i], u)...)
	}
	return out, nil
}
