package kinesisanalytics

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	ka "github.com/aws/aws-sdk-go-v2/service/kinesisanalyticsv2"
	"github.com/aws/aws-sdk-go-v2/service/kinesisanalyticsv2/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// applicationMover moves an application's VPC configuration with
// UpdateApplication VpcConfigurationUpdates[].SecurityGroupIdUpdates, one
// target per VPC configuration that holds the group. The call needs the
// application's current version, so the setter reads it just before; a
// running application restarts with the new groups (named in the plan).
// Settled waits for it to leave UPDATING; ROLLED_BACK is an error.
var applicationMover = svc.Mover{
	API:  "kinesisanalytics:UpdateApplication (a running application restarts)",
	ARNs: []string{"arn:aws:kinesisanalytics:*:*:application/*"},
	IAM:  []string{"kinesisanalytics:DescribeApplication", "kinesisanalytics:UpdateApplication"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		d, err := describeApplication(ctx, ka.NewFromConfig(cfg), r.ID)
		if err != nil || d.ApplicationConfigurationDescription == nil {
			return nil, err
		}
		var out []svc.Target
		for _, v := range d.ApplicationConfigurationDescription.VpcConfigurationDescriptions {
			if slices.Contains(v.SecurityGroupIds, group) {
				out = append(out, svc.Target{ID: aws.ToString(v.VpcConfigurationId), Groups: slices.Clone(v.SecurityGroupIds)})
			}
		}
		return out, nil
	},
	Move:    svc.SwapWith(setApplication),
	Restore: svc.RestoreWith(setApplication),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		d, err := describeApplication(ctx, ka.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		switch d.ApplicationStatus {
		case types.ApplicationStatusReady, types.ApplicationStatusRunning:
			return "", nil
		case types.ApplicationStatusRolledBack:
			return "", svc.OpErr("kinesisanalytics:UpdateApplication", &svc.SettleError{Reason: string(d.ApplicationStatus)})
		}
		return "status " + string(d.ApplicationStatus), nil
	},
}

func describeApplication(ctx context.Context, api *ka.Client, name string) (*types.ApplicationDetail, error) {
	out, err := api.DescribeApplication(ctx, &ka.DescribeApplicationInput{ApplicationName: aws.String(name)})
	if err != nil {
		return nil, svc.OpErr("kinesisanalytics:DescribeApplication", err)
	}
	if out.ApplicationDetail == nil {
		return nil, svc.OpErr("kinesisanalytics:DescribeApplication", svc.ErrNotFound)
	}
	return out.ApplicationDetail, nil
}

// setApplication sets the groups of the VPC configuration t names, at the
// application's version read just before.
func setApplication(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	api := ka.NewFromConfig(cfg)
	d, err := describeApplication(ctx, api, r.ID)
	if err != nil {
		return err
	}
	_, err = api.UpdateApplication(ctx, &ka.UpdateApplicationInput{ApplicationName: aws.String(r.ID),
		CurrentApplicationVersionId: d.ApplicationVersionId,
		ApplicationConfigurationUpdate: &types.ApplicationConfigurationUpdate{VpcConfigurationUpdates: []types.VpcConfigurationUpdate{
			{VpcConfigurationId: aws.String(t.ID), SecurityGroupIdUpdates: groups}}}})
	return svc.OpErr("kinesisanalytics:UpdateApplication", err)
}
