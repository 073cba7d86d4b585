package emrserverless

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/emrserverless"
	"github.com/aws/aws-sdk-go-v2/service/emrserverless/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// applicationMover moves an application with UpdateApplication
// networkConfiguration: the subnets as read just before the call and the
// new groups. EMR Serverless updates an application "only when it is in
// the CREATED or STOPPED state", so a STARTED one is refused before any
// call, saying so: stopping it ends its pre-initialized workers and is the
// owner's call. The next workers get the groups; nothing is pending. An
// application naming subnets and no group runs in their VPC's default
// group and gets the replacement alone.
var applicationMover = svc.Mover{
	API:  "emr-serverless:UpdateApplication",
	ARNs: []string{"arn:aws:emr-serverless:*:*:/applications/*"},
	IAM:  append([]string{"emr-serverless:GetApplication", "emr-serverless:UpdateApplication"}, svc.NoGroupIAM...),
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		a, err := getApplication(ctx, emrserverless.NewFromConfig(cfg), r.ID)
		if err != nil || a.NetworkConfiguration == nil {
			return nil, err
		}
		n := a.NetworkConfiguration
		if len(n.SecurityGroupIds) == 0 && len(n.SubnetIds) > 0 {
			in, err := svc.RunsIn(ctx, ec2.NewFromConfig(cfg), n.SubnetIds, group)
			if err != nil || !in {
				return nil, err
			}
			return []svc.Target{{ID: r.ID, Groups: []string{}}}, nil
		}
		return svc.One(r.ID, n.SecurityGroupIds, group), nil
	},
	Move:    svc.FillOrSwapWith(setApplication),
	Restore: svc.RestoreWith(setApplication),
}

// ErrApplicationStarted is the refusal to update a running application.
var ErrApplicationStarted = errors.New("EMR Serverless updates an application only when it is CREATED or STOPPED: stop it (emr-serverless:StopApplication) once its jobs are done, then run apply again")

func getApplication(ctx context.Context, api *emrserverless.Client, id string) (*types.Application, error) {
	out, err := api.GetApplication(ctx, &emrserverless.GetApplicationInput{ApplicationId: aws.String(id)})
	if err != nil {
		return nil, svc.OpErr("emr-serverless:GetApplication", err)
	}
	if out.Application == nil {
		return nil, svc.OpErr("emr-serverless:GetApplication", svc.ErrNotFound)
	}
	return out.Application, nil
}

func setApplication(ctx context.Context, cfg aws.Config, r svc.Resource, _ svc.Target, groups []string) error {
	api := emrserverless.NewFromConfig(cfg)
	a, err := getApplication(ctx, api, r.ID)
	if err != nil {
		return err
	}
	if !slices.Contains([]types.ApplicationState{types.ApplicationStateCreated, types.ApplicationStateStopped}, a.State) {
		return svc.OpErr("emr-serverless:UpdateApplication", fmt.Errorf("application %s is %s: %w", r.ID, a.State, ErrApplicationStarted))
	}
	var subnets []string
	if a.NetworkConfiguration != nil {
		subnets = a.NetworkConfiguration.SubnetIds
	}
	_, err = api.UpdateApplication(ctx, &emrserverless.UpdateApplicationInput{ApplicationId: aws.String(r.ID),
		NetworkConfiguration: &types.NetworkConfiguration{SubnetIds: subnets, SecurityGroupIds: groups}})
	return svc.OpErr("emr-serverless:UpdateApplication", err)
}
