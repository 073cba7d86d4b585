package vpclattice

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// gatewayMover moves a resource gateway with UpdateResourceGateway
// securityGroupIds, the whole list; its interfaces take the groups.
// Settled waits for it to leave UPDATE_IN_PROGRESS; UPDATE_FAILED is an
// error.
var gatewayMover = svc.Mover{
	API:  "vpc-lattice:UpdateResourceGateway",
	ARNs: []string{"arn:aws:vpc-lattice:*:*:resourcegateway/*"},
	IAM:  []string{"vpc-lattice:GetResourceGateway", "vpc-lattice:UpdateResourceGateway"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		g, err := getGateway(ctx, vpclattice.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, g.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setGateway),
	Restore: svc.RestoreWith(setGateway),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		g, err := getGateway(ctx, vpclattice.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		return latticeSettled("vpc-lattice:UpdateResourceGateway", string(g.Status), "")
	},
}

func getGateway(ctx context.Context, api *vpclattice.Client, id string) (*vpclattice.GetResourceGatewayOutput, error) {
	out, err := api.GetResourceGateway(ctx, &vpclattice.GetResourceGatewayInput{ResourceGatewayIdentifier: aws.String(id)})
	return out, svc.OpErr("vpc-lattice:GetResourceGateway", err)
}

func setGateway(ctx context.Context, cfg aws.Config, r svc.Resource, _ svc.Target, groups []string) error {
	_, err := vpclattice.NewFromConfig(cfg).UpdateResourceGateway(ctx, &vpclattice.UpdateResourceGatewayInput{
		ResourceGatewayIdentifier: aws.String(r.ID), SecurityGroupIds: groups})
	return svc.OpErr("vpc-lattice:UpdateResourceGateway", err)
}
