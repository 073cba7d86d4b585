package apprunner

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apprunner"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// VPCConnectors finds App Runner VPC connectors in a default
// group. App Runner creates their interfaces only for services that use
// them, and a connector is immutable: the fix is a new connector and an
// UpdateService of every service on the old one.
var VPCConnectors = usage.Finder{
	Name:    "apprunner-vpc-connectors",
	Service: "apprunner",
	Reads:   "VPC connectors' SecurityGroups (ListVpcConnectors)",
	IAM:     []string{"apprunner:ListVpcConnectors"},
	Kinds:   []resource.Kind{VPCConnector},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findAppRunnerVPCConnectors(ctx, apprunner.NewFromConfig(cfg), t)
	},
}

func findAppRunnerVPCConnectors(ctx context.Context, api apprunner.ListVpcConnectorsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := apprunner.NewListVpcConnectorsPaginator(api, &apprunner.ListVpcConnectorsInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, c := range page.VpcConnectors {
			if c.Status == "INACTIVE" {
				continue // deleted connectors stay listed for a while
			}
			out = append(out, svc.Users(t, c.SecurityGroups, usage.Usage{Kind: usage.KindLatent,
				ResourceKind: VPCConnector, ResourceID: aws.ToString(c.VpcConnectorName),
				ARN: aws.ToString(c.VpcConnectorArn), Detail: "egress of the services that use it",
				Change: usage.ChangeReplacement})...)
		}
	}
	return out, nil
}
