package mq

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/mq"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// brokerMover moves an ActiveMQ broker with UpdateBroker. AWS documents
// UpdateBroker as adding a *pending* change and DescribeBroker has
// PendingSecurityGroups; security groups are not among the changes its
// guides say wait for a reboot, and Terraform reads them back at once (see
// docs/FIDELITY.md). So the move does not assume either: while AWS reports
// a pending list that differs from the current one, Settled says so (apply
// exits 4, "pending"), and Targets reads the pending list, the one the
// broker will have.
var brokerMover = svc.Mover{
	API:  "mq:UpdateBroker",
	ARNs: []string{"arn:aws:mq:*:*:broker:*"},
	IAM:  []string{"mq:DescribeBroker", "mq:UpdateBroker"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		d, err := describeBroker(ctx, mq.NewFromConfig(cfg), r.ID)
		if err != nil {
			return nil, err
		}
		return svc.One(r.ID, effectiveGroups(d), group), nil
	},
	Move:    svc.SwapWith(setBroker),
	Restore: svc.RestoreWith(setBroker),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		d, err := describeBroker(ctx, mq.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		if len(d.PendingSecurityGroups) > 0 && !sameSet(d.PendingSecurityGroups, d.SecurityGroups) {
			return "new security groups pending until the broker reboots (mq:RebootBroker) or its maintenance window", nil
		}
		return "", nil
	},
}

func describeBroker(ctx context.Context, api *mq.Client, id string) (*mq.DescribeBrokerOutput, error) {
	d, err := api.DescribeBroker(ctx, &mq.DescribeBrokerInput{BrokerId: aws.String(id)})
	return d, svc.OpErr("mq:DescribeBroker", err)
}

func effectiveGroups(d *mq.DescribeBrokerOutput) []string {
	if len(d.PendingSecurityGroups) > 0 {
		return d.PendingSecurityGroups
	}
	return d.SecurityGroups
}

func setBroker(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := mq.NewFromConfig(cfg).UpdateBroker(ctx, &mq.UpdateBrokerInput{BrokerId: aws.String(t.ID), SecurityGroups: groups})
	return svc.OpErr("mq:UpdateBroker", err)
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}
