package redshiftserverless

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	rss "github.com/aws/aws-sdk-go-v2/service/redshiftserverless"
	"github.com/aws/aws-sdk-go-v2/service/redshiftserverless/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// MoveAPI is what the two movers call; *rss.Client satisfies it.
type MoveAPI interface {
	GetWorkgroup(context.Context, *rss.GetWorkgroupInput, ...func(*rss.Options)) (*rss.GetWorkgroupOutput, error)
	UpdateWorkgroup(context.Context, *rss.UpdateWorkgroupInput, ...func(*rss.Options)) (*rss.UpdateWorkgroupOutput, error)
	GetEndpointAccess(context.Context, *rss.GetEndpointAccessInput, ...func(*rss.Options)) (*rss.GetEndpointAccessOutput, error)
	UpdateEndpointAccess(context.Context, *rss.UpdateEndpointAccessInput, ...func(*rss.Options)) (*rss.UpdateEndpointAccessOutput, error)
}

// newAPI is the client the movers use; a test replaces it.
var newAPI = func(cfg aws.Config) MoveAPI { return rss.NewFromConfig(cfg) }

// workgroupMover moves a workgroup with UpdateWorkgroup securityGroupIds.
// AWS takes one parameter per UpdateWorkgroup request, so the request
// holds the name and the groups only. The workgroup is MODIFYING while its
// interfaces change, and refuses another update meanwhile: Settled waits
// for AVAILABLE.
var workgroupMover = svc.Mover{
	API:  "redshift-serverless:UpdateWorkgroup",
	ARNs: []string{"arn:aws:redshift-serverless:*:*:workgroup/*"},
	IAM:  []string{"redshift-serverless:GetWorkgroup", "redshift-serverless:UpdateWorkgroup"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		w, err := getWorkgroup(ctx, newAPI(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, w.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setWorkgroup),
	Restore: svc.RestoreWith(setWorkgroup),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		w, err := getWorkgroup(ctx, newAPI(cfg), r.ID)
		if err != nil {
			return "", err
		}
		if s := string(w.Status); s != "AVAILABLE" {
			return "workgroup " + s, nil
		}
		return "", nil
	},
}

func getWorkgroup(ctx context.Context, api MoveAPI, name string) (*types.Workgroup, error) {
	out, err := api.GetWorkgroup(ctx, &rss.GetWorkgroupInput{WorkgroupName: aws.String(name)})
	if err != nil {
		return nil, svc.OpErr("redshift-serverless:GetWorkgroup", err)
	}
	if out.Workgroup == nil {
		return nil, svc.OpErr("redshift-serverless:GetWorkgroup", svc.ErrNotFound)
	}
	return out.Workgroup, nil
}

func setWorkgroup(ctx context.Context, cfg aws.Config, _ svc.Resource, t svc.Target, groups []string) error {
	_, err := newAPI(cfg).UpdateWorkgroup(ctx, &rss.UpdateWorkgroupInput{WorkgroupName: aws.String(t.ID), SecurityGroupIds: groups})
	return svc.OpErr("redshift-serverless:UpdateWorkgroup", err)
}

// endpointMover moves a managed VPC endpoint with UpdateEndpointAccess
// vpcSecurityGroupIds, which replaces the endpoint's list; like a
// workgroup, it is MODIFYING until its interfaces have the new groups.
var endpointMover = svc.Mover{
	API:  "redshift-serverless:UpdateEndpointAccess",
	ARNs: []string{"arn:aws:redshift-serverless:*:*:managedvpcendpoint/*"},
	IAM:  []string{"redshift-serverless:GetEndpointAccess", "redshift-serverless:UpdateEndpointAccess"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		ep, err := getEndpoint(ctx, newAPI(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, endpointGroups(ep), group), nil
	},
	Move:    svc.SwapWith(setEndpoint),
	Restore: svc.RestoreWith(setEndpoint),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		ep, err := getEndpoint(ctx, newAPI(cfg), r.ID)
		if err != nil {
			return "", err
		}
		if s := aws.ToString(ep.EndpointStatus); s != "" && s != "ACTIVE" {
			return "endpoint " + s, nil
		}
		return "", nil
	},
}

func getEndpoint(ctx context.Context, api MoveAPI, name string) (*types.EndpointAccess, error) {
	out, err := api.GetEndpointAccess(ctx, &rss.GetEndpointAccessInput{EndpointName: aws.String(name)})
	if err != nil {
		return nil, svc.OpErr("redshift-serverless:GetEndpointAccess", err)
	}
	if out.Endpoint == nil {
		return nil, svc.OpErr("redshift-serverless:GetEndpointAccess", svc.ErrNotFound)
	}
	return out.Endpoint, nil
}

func endpointGroups(ep *types.EndpointAccess) []string {
	var ids []string
	for _, m := range ep.VpcSecurityGroups {
		ids = append(ids, aws.ToString(m.VpcSecurityGroupId))
	}
	return ids
}

func setEndpoint(ctx context.Context, cfg aws.Config, _ svc.Resource, t svc.Target, groups []string) error {
	_, err := newAPI(cfg).UpdateEndpointAccess(ctx, &rss.UpdateEndpointAccessInput{EndpointName: aws.String(t.ID), VpcSecurityGroupIds: groups})
	return svc.OpErr("redshift-serverless:UpdateEndpointAccess", err)
}
