package vpclattice

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice"
	"github.com/aws/aws-sdk-go-v2/service/vpclattice/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// associationMover moves a service-network VPC association with
// UpdateServiceNetworkVpcAssociation securityGroupIds, the whole list (1
// to 5). Settled waits for it to leave UPDATE_IN_PROGRESS; UPDATE_FAILED
// is an error.
var associationMover = svc.Mover{
	API:  "vpc-lattice:UpdateServiceNetworkVpcAssociation",
	ARNs: []string{"arn:aws:vpc-lattice:*:*:servicenetworkvpcassociation/*"},
	IAM:  []string{"vpc-lattice:GetServiceNetworkVpcAssociation", "vpc-lattice:UpdateServiceNetworkVpcAssociation"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		a, err := getAssociation(ctx, vpclattice.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, a.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setAssociation),
	Restore: svc.RestoreWith(setAssociation),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		a, err := getAssociation(ctx, vpclattice.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		return latticeSettled("vpc-lattice:UpdateServiceNetworkVpcAssociation", string(a.Status), aws.ToString(a.FailureCode)+": "+aws.ToString(a.FailureMessage))
	},
}

// latticeSettled reads the status both VPC Lattice movers poll.
func latticeSettled(op, status, failure string) (string, error) {
	switch status {
	case string(types.ServiceNetworkVpcAssociationStatusActive):
		return "", nil
	case string(types.ServiceNetworkVpcAssociationStatusUpdateFailed):
		if failure != "" && failure != ": " {
			status += " (" + failure + ")"
		}
		return "", svc.OpErr(op, &svc.SettleError{Reason: status})
	}
	return "status " + status, nil
}

func getAssociation(ctx context.Context, api *vpclattice.Client, id string) (*vpclattice.GetServiceNetworkVpcAssociationOutput, error) {
	out, err := api.GetServiceNetworkVpcAssociation(ctx, &vpclattice.GetServiceNetworkVpcAssociationInput{ServiceNetworkVpcAssociationIdentifier: aws.String(id)})
	return out, svc.OpErr("vpc-lattice:GetServiceNetworkVpcAssociation", err)
}

func setAssociation(ctx context.Context, cfg aws.Config, r svc.Resource, _ svc.Target, groups []string) error {
	_, err := vpclattice.NewFromConfig(cfg).UpdateServiceNetworkVpcAssociation(ctx, &vpclattice.UpdateServiceNetworkVpcAssociationInput{
		ServiceNetworkVpcAssociationIdentifier: aws.String(r.ID), SecurityGroupIds: groups})
	return svc.OpErr("vpc-lattice:UpdateServiceNetworkVpcAssociation", err)
}
