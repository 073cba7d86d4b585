package redshift

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/redshift"
	"github.com/aws/aws-sdk-go-v2/service/redshift/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// EndpointMoveAPI is what endpointMover calls; *redshift.Client satisfies it.
type EndpointMoveAPI interface {
	DescribeEndpointAccess(context.Context, *redshift.DescribeEndpointAccessInput, ...func(*redshift.Options)) (*redshift.DescribeEndpointAccessOutput, error)
	ModifyEndpointAccess(context.Context, *redshift.ModifyEndpointAccessInput, ...func(*redshift.Options)) (*redshift.ModifyEndpointAccessOutput, error)
}

// newEndpointAPI is the client endpointMover uses; a test replaces it.
var newEndpointAPI = func(cfg aws.Config) EndpointMoveAPI { return redshift.NewFromConfig(cfg) }

// endpointMover moves a Redshift-managed VPC endpoint with
// ModifyEndpointAccess VpcSecurityGroupIds, "the complete list of VPC
// security groups associated with the endpoint after the endpoint is
// modified" (API reference): the request holds the name and the whole list.
// The endpoint is "modifying" until its interface has the new groups;
// Settled waits for "active".
//
// ARNs is "*": AWS's Service Authorization Reference lists no resource type
// and no condition key for redshift:ModifyEndpointAccess, so it cannot be
// granted on anything narrower (docs/IAM.md); iampolicy gives it a
// statement of its own, and ModifyCluster stays on clusters.
var endpointMover = svc.Mover{
	API:  "redshift:ModifyEndpointAccess",
	ARNs: []string{"*"},
	IAM:  []string{"redshift:DescribeEndpointAccess", "redshift:ModifyEndpointAccess"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		e, err := describeEndpoint(ctx, newEndpointAPI(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, m := range e.VpcSecurityGroups {
			ids = append(ids, aws.ToString(m.VpcSecurityGroupId))
		}
		return svc.One(r.ID, ids, group), nil
	},
	Move:    svc.SwapWith(setEndpoint),
	Restore: svc.RestoreWith(setEndpoint),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		e, err := describeEndpoint(ctx, newEndpointAPI(cfg), r.ID)
		if err != nil {
			return "", err
		}
		if s := aws.ToString(e.EndpointStatus); s != "active" {
			return "endpoint " + s, nil
		}
		return "", nil
	},
}

// describeEndpoint reads one endpoint by name (DescribeEndpointAccess
// EndpointName; an unknown name is EndpointNotFound).
func describeEndpoint(ctx context.Context, api EndpointMoveAPI, name string) (types.EndpointAccess, error) {
	out, err := api.DescribeEndpointAccess(ctx, &redshift.DescribeEndpointAccessInput{EndpointName: aws.String(name)})
	if err != nil {
		return types.EndpointAccess{}, svc.OpErr("redshift:DescribeEndpointAccess", err)
	}
	for _, e := range out.EndpointAccessList {
		if aws.ToString(e.EndpointName) == name {
			return e, nil
		}
	}
	return types.EndpointAccess{}, svc.OpErr("redshift:DescribeEndpointAccess", svc.ErrNotFound)
}

func setEndpoint(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := newEndpointAPI(cfg).ModifyEndpointAccess(ctx, &redshift.ModifyEndpointAccessInput{
		EndpointName: aws.String(t.ID), VpcSecurityGroupIds: groups})
	return svc.OpErr("redshift:ModifyEndpointAccess", err)
}
