package rds

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/rds/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// proxyMover moves an RDS proxy with ModifyDBProxy SecurityGroups, which
// replaces the proxy's whole list; the proxy is "modifying" until its
// interfaces have the new groups, so Settled waits for "available".
// Proxy endpoints other than the default one have lists of their own and
// are not moved here.
var proxyMover = svc.Mover{
	API:  "rds:ModifyDBProxy",
	ARNs: []string{"arn:aws:rds:*:*:db-proxy:*"},
	IAM:  []string{"rds:DescribeDBProxies", "rds:ModifyDBProxy"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		p, err := describeDBProxy(ctx, rds.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, p.VpcSecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setDBProxy),
	Restore: svc.RestoreWith(setDBProxy),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		p, err := describeDBProxy(ctx, rds.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		if p.Status != types.DBProxyStatusAvailable {
			return "status " + string(p.Status), nil
		}
		return "", nil
	},
}

func describeDBProxy(ctx context.Context, api *rds.Client, name string) (types.DBProxy, error) {
	out, err := api.DescribeDBProxies(ctx, &rds.DescribeDBProxiesInput{DBProxyName: aws.String(name)})
	if err != nil {
		return types.DBProxy{}, svc.OpErr("rds:DescribeDBProxies", err)
	}
	if len(out.DBProxies) == 0 {
		return types.DBProxy{}, svc.OpErr("rds:DescribeDBProxies", svc.ErrNotFound)
	}
	return out.DBProxies[0], nil
}

func setDBProxy(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := rds.NewFromConfig(cfg).ModifyDBProxy(ctx, &rds.ModifyDBProxyInput{DBProxyName: aws.String(r.ID), SecurityGroups: groups})
	return svc.OpErr("rds:ModifyDBProxy", err)
}
