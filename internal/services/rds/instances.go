package rds

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Instances finds DB instances in a default group. A restored snapshot
// comes back on the default group, so these appear without anyone
// choosing it. Instances of an Aurora cluster carry the cluster's groups
// and move with it.
var Instances = usage.Finder{
	Name:    "rds-instances",
	Service: "rds",
	Reads:   "DB instances' VpcSecurityGroups (DescribeDBInstances; Neptune and DocumentDB instances included)",
	IAM:     []string{"rds:DescribeDBInstances"},
	Kinds:   []resource.Kind{Instance, ClusterMember},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findRDSInstances(ctx, rds.NewFromConfig(cfg), t)
	},
}

func findRDSInstances(ctx context.Context, api rds.DescribeDBInstancesAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := rds.NewDescribeDBInstancesPaginator(api, &rds.DescribeDBInstancesInput{MaxRecords: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, db := range page.DBInstances {
			u := usage.Usage{Kind: usage.KindLive, ResourceKind: Instance, ResourceID: aws.ToString(db.DBInstanceIdentifier),
				ARN: aws.ToString(db.DBInstanceArn), Detail: aws.ToString(db.Engine), ManagedBy: svc.ManagedBy(rdsTags(db.TagList)),
				Change: usage.ChangeInPlace}
			if c := aws.ToString(db.DBClusterIdentifier); c != "" {
				// An Aurora, Neptune or DocumentDB member carries its
				// cluster's groups; ModifyDBInstance refuses to change them
				// (InvalidParameterCombination): the cluster moves it.
				u.ResourceKind, u.Parent = ClusterMember, c
				u.Detail += ", member of cluster " + c
			}
			out = append(out, svc.Users(t, rdsGroupIDs(db.VpcSecurityGroups), u)...)
		}
	}
	return out, nil
}

func rdsGroupIDs(ms []rdstypes.VpcSecurityGroupMembership) []string {
	ids := make([]string, 0, len(ms))
	for _, m := range ms {
		ids = append(ids, aws.ToString(m.VpcSecurityGroupId))
	}
	return ids
}

func rdsTags(tags []rdstypes.Tag) []types.Tag {
	return svc.TagsOf(tags, func(tag rdstypes.Tag) (*string, *string) { return tag.Key, tag.Value })
}
