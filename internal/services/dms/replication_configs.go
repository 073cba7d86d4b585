package dms

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	dms "github.com/aws/aws-sdk-go-v2/service/databasemigrationservice"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ReplicationConfigsAPI is what finding DMS Serverless replications calls.
type ReplicationConfigsAPI interface {
	dms.DescribeReplicationConfigsAPIClient
	dms.DescribeReplicationSubnetGroupsAPIClient
}

// ReplicationConfigs finds DMS Serverless replication configs whose
// ComputeConfig.VpcSecurityGroupIds name a default group, or name none:
// the replication then runs in its subnet group's VPC default group, as a
// replication instance created without groups does. Capacity is
// provisioned only while the replication runs, so between runs nothing
// else shows it.
var ReplicationConfigs = usage.Finder{
	Name:    "dms-replication-configs",
	Service: "dms",
	Reads: "DMS Serverless replication configs' ComputeConfig.VpcSecurityGroupIds and, for those naming none, " +
		"their subnet group's VpcId (DescribeReplicationConfigs, DescribeReplicationSubnetGroups)",
	IAM:   []string{"dms:DescribeReplicationConfigs", "dms:DescribeReplicationSubnetGroups"},
	Kinds: []resource.Kind{ReplicationConfig},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findReplicationConfigs(ctx, dms.NewFromConfig(cfg), t)
	},
}

func findReplicationConfigs(ctx context.Context, api ReplicationConfigsAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	var vpcOf map[string]string // subnet group id -> VPC, read once when needed
	p := dms.NewDescribeReplicationConfigsPaginator(api, &dms.DescribeReplicationConfigsInput{MaxRecords: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, r := range page.ReplicationConfigs {
			c := r.ComputeConfig
			if c == nil {
				continue
			}
			base := usage.Usage{Kind: usage.KindLatent, ResourceKind: ReplicationConfig,
				ResourceID: aws.ToString(r.ReplicationConfigIdentifier), ARN: aws.ToString(r.ReplicationConfigArn),
				Detail: "DMS Serverless replication: capacity is provisioned in it while the replication runs", Change: usage.ChangeInPlace}
			if len(c.VpcSecurityGroupIds) > 0 {
				out = append(out, svc.Users(t, c.VpcSecurityGroupIds, base)...)
				continue
			}
			if vpcOf == nil {
				if vpcOf, err = subnetGroupVPCs(ctx, api); err != nil {
					return out, err
				}
			}
			subnetGroup := strings.ToLower(aws.ToString(c.ReplicationSubnetGroupId))
			vpc, ok := vpcOf[subnetGroup]
			if !ok {
				return out, fmt.Errorf("replication config %s: subnet group %q not found, so its VPC's default group cannot be ruled out", base.ResourceID, subnetGroup)
			}
			for g, v := range t.VpcOf {
				if v == vpc && t.Has(g) {
					base.GroupID = g
					base.Detail = "names no security group, so it runs in its VPC's default group; " + base.Detail
					out = append(out, base)
				}
			}
		}
	}
	return out, nil
}

func subnetGroupVPCs(ctx context.Context, api dms.DescribeReplicationSubnetGroupsAPIClient) (map[string]string, error) {
	out := map[string]string{}
	p := dms.NewDescribeReplicationSubnetGroupsPaginator(api, &dms.DescribeReplicationSubnetGroupsInput{MaxRecords: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, g := range page.ReplicationSubnetGroups {
			// DMS keeps identifiers in lower case.
			out[strings.ToLower(aws.ToString(g.ReplicationSubnetGroupIdentifier))] = aws.ToString(g.VpcId)
		}
	}
	return out, nil
}
