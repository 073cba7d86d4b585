package eks

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/eks/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// clusterMover moves a cluster's additional security groups
// (resourcesVpcConfig.securityGroupIds) with UpdateClusterConfig, sending
// only that list: the subnets and endpoint access stay as they are. EKS
// applies it as an asynchronous VpcConfigUpdate, replacing the control
// plane's interfaces; the cluster is UPDATING meanwhile, and Settled waits
// for ACTIVE. The cluster security group EKS creates cannot be changed:
// the finder reports it as a replacement, never moved here. An update that
// fails leaves the cluster ACTIVE on its old groups, which verify reports.
var clusterMover = svc.Mover{
	API:  "eks:UpdateClusterConfig",
	ARNs: []string{"arn:aws:eks:*:*:cluster/*"},
	IAM:  []string{"eks:DescribeCluster", "eks:UpdateClusterConfig"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		c, err := describeCluster(ctx, eks.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, c.ResourcesVpcConfig.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setCluster),
	Restore: svc.RestoreWith(setCluster),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		c, err := describeCluster(ctx, eks.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		if c.Status != types.ClusterStatusActive {
			return "status " + string(c.Status), nil
		}
		return "", nil
	},
}

func describeCluster(ctx context.Context, api *eks.Client, name string) (*types.Cluster, error) {
	out, err := api.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(name)})
	if err != nil {
		return nil, svc.OpErr("eks:DescribeCluster", err)
	}
	if out.Cluster == nil || out.Cluster.ResourcesVpcConfig == nil {
		return nil, svc.OpErr("eks:DescribeCluster", svc.ErrNotFound)
	}
	return out.Cluster, nil
}

func setCluster(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := eks.NewFromConfig(cfg).UpdateClusterConfig(ctx, &eks.UpdateClusterConfigInput{Name: aws.String(r.ID),
		ResourcesVpcConfig: &types.VpcConfigRequest{SecurityGroupIds: groups}})
	return svc.OpErr("eks:UpdateClusterConfig", err)
}
