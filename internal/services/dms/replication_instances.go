package dms

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	dms "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ReplicationInstances finds DMS replication instances in a default
// group. ModifyReplicationInstance moves them in place.
var ReplicationInstances = usage.Finder{
	Name:    "dms-replication-instances",
	Service: "dms",
	Reads:   "replication instances' VpcSecurityGroups (DescribeReplicationInstances)",
	IAM:     []string{"dms:DescribeReplicationInstances"},
	Kinds:   []resource.Kind{ReplicationInstance},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findDMSReplicationInstances(ctx, dms.NewFromConfig(cfg), t)
	},
}

func findDMSReplicationInstances(ctx context.Context, api dms.DescribeReplicationInstancesAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := dms.NewDescribeReplicationInstancesPaginator(api, &dms.DescribeReplicationInstancesInput{MaxRecords: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, r := range page.ReplicationInstances {
			ids := make([]string, 0, len(r.VpcSecurityGroups))
			for _, g := range r.VpcSecurityGroups {
				ids = append(ids, aws.ToString(g.VpcSecurityGroupId))
			}
			detail := "replication instance"
			if sg := r.ReplicationSubnetGroup; sg != nil {
				detail += " in " + aws.ToString(sg.VpcId)
			}
			out = append(out, svc.Users(t, ids, usage.Usage{Kind: usage.KindLive,
				ResourceKind: ReplicationInstance, ResourceID: aws.ToString(r.ReplicationInstanceIdentifier),
				ARN: aws.ToString(r.ReplicationInstanceArn), Detail: detail, Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
