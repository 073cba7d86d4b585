package mwaa

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/mwaa"
	"github.com/aws/aws-sdk-go-v2/service/mwaa/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// environmentMover moves an environment with UpdateEnvironment
// NetworkConfiguration.SecurityGroupIds, the one network setting MWAA can
// change (its subnets are fixed). MWAA applies it by updating the
// environment, UPDATING for tens of minutes while its schedulers, workers
// and web server are replaced; Settled waits for AVAILABLE, and an update
// MWAA reports failed (UPDATE_FAILED, or LastUpdate FAILED after a rollback)
// is an error.
var environmentMover = svc.Mover{
	API:  "airflow:UpdateEnvironment (environment update)",
	ARNs: []string{"arn:aws:airflow:*:*:environment/*"},
	IAM:  []string{"airflow:GetEnvironment", "airflow:UpdateEnvironment"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		env, err := getEnvironment(ctx, newClient(cfg), r.ID)
		if err != nil || env.NetworkConfiguration == nil {
			return nil, err
		}
		return svc.One(r.ID, env.NetworkConfiguration.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setEnvironment),
	Restore: svc.RestoreWith(setEnvironment),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		env, err := getEnvironment(ctx, newClient(cfg), r.ID)
		if err != nil {
			return "", err
		}
		switch env.Status {
		case types.EnvironmentStatusAvailable:
			if u := env.LastUpdate; u != nil && u.Status == types.UpdateStatusFailed {
				reason := string(u.Status)
				if u.Error != nil {
					reason = aws.ToString(u.Error.ErrorCode) + ": " + aws.ToString(u.Error.ErrorMessage)
				}
				return "", svc.OpErr("airflow:UpdateEnvironment", &svc.SettleError{Reason: reason})
			}
			return "", nil
		case types.EnvironmentStatusUpdateFailed:
			return "", svc.OpErr("airflow:UpdateEnvironment", &svc.SettleError{Reason: string(env.Status)})
		}
		return "status " + string(env.Status), nil
	},
}

func getEnvironment(ctx context.Context, api *mwaa.Client, name string) (*types.Environment, error) {
	out, err := api.GetEnvironment(ctx, &mwaa.GetEnvironmentInput{Name: aws.String(name)})
	if err != nil {
		return nil, svc.OpErr("airflow:GetEnvironment", err)
	}
	if out.Environment == nil {
		return nil, svc.OpErr("airflow:GetEnvironment", svc.ErrNotFound)
	}
	return out.Environment, nil
}

func setEnvironment(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := newClient(cfg).UpdateEnvironment(ctx, &mwaa.UpdateEnvironmentInput{Name: aws.String(r.ID),
		NetworkConfiguration: &types.UpdateNetworkConfigurationInput{SecurityGroupIds: groups}})
	return svc.OpErr("airflow:UpdateEnvironment", err)
}
