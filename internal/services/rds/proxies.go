package rds

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Proxies finds RDS proxies in a default group (ModifyDBProxy moves
// them in place). Proxy endpoints have groups of their own and are not
// read yet.
var Proxies = usage.Finder{
	Name:    "rds-proxies",
	Service: "rds",
	Reads:   "RDS proxies' VpcSecurityGroupIds (DescribeDBProxies)",
	IAM:     []string{"rds:DescribeDBProxies"},
	Kinds:   []resource.Kind{Proxy},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findRDSProxies(ctx, rds.NewFromConfig(cfg), t)
	},
}

func findRDSProxies(ctx context.Context, api rds.DescribeDBProxiesAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := rds.NewDescribeDBProxiesPaginator(api, &rds.DescribeDBProxiesInput{MaxRecords: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, px := range page.DBProxies {
			out = append(out, svc.Users(t, px.VpcSecurityGroupIds, usage.Usage{Kind: usage.KindLive,
				ResourceKind: Proxy, ResourceID: aws.ToString(px.DBProxyName), ARN: aws.ToString(px.DBProxyArn),
				Detail: aws.ToString(px.EngineFamily) + " in " + aws.ToString(px.VpcId), Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
