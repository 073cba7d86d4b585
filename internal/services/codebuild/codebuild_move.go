package codebuild

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	"github.com/aws/aws-sdk-go-v2/service/codebuild/types"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// projectMover moves a project's vpcConfig: its builds create their
// interfaces only while they run, so the next build uses the replacement.
var projectMover = svc.Mover{
	API:  "codebuild:UpdateProject",
	ARNs: []string{"arn:aws:codebuild:*:*:project/*"},
	IAM:  []string{"codebuild:BatchGetProjects", "codebuild:UpdateProject"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		vc, err := projectVPC(ctx, codebuild.NewFromConfig(cfg), r.ID)
		if err != nil || vc == nil {
			return nil, err
		}
		return svc.One(r.ID, vc.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setProject),
	Restore: svc.RestoreWith(setProject),
}

// fleetMover moves a reserved-capacity fleet's vpcConfig.
var fleetMover = svc.Mover{
	API:  "codebuild:UpdateFleet",
	ARNs: []string{"arn:aws:codebuild:*:*:fleet/*"},
	IAM:  []string{"codebuild:BatchGetFleets", "codebuild:UpdateFleet"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		vc, err := fleetVPC(ctx, codebuild.NewFromConfig(cfg), r)
		if err != nil || vc == nil {
			return nil, err
		}
		return svc.One(r.ID, vc.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setFleet),
	Restore: svc.RestoreWith(setFleet),
}

func projectVPC(ctx context.Context, api *codebuild.Client, name string) (*types.VpcConfig, error) {
	out, err := api.BatchGetProjects(ctx, &codebuild.BatchGetProjectsInput{Names: []string{name}})
	if err != nil {
		return nil, svc.OpErr("codebuild:BatchGetProjects", err)
	}
	if len(out.Projects) == 0 {
		return nil, svc.OpErr("codebuild:BatchGetProjects", svc.ErrNotFound)
	}
	return out.Projects[0].VpcConfig, nil
}

func fleetVPC(ctx context.Context, api *codebuild.Client, r svc.Resource) (*types.VpcConfig, error) {
	name := r.ARN
	if name == "" {
		name = r.ID
	}
	out, err := api.BatchGetFleets(ctx, &codebuild.BatchGetFleetsInput{Names: []string{name}})
	if err != nil {
		return nil, svc.OpErr("codebuild:BatchGetFleets", err)
	}
	if len(out.Fleets) == 0 {
		return nil, svc.OpErr("codebuild:BatchGetFleets", svc.ErrNotFound)
	}
	return out.Fleets[0].VpcConfig, nil
}

// setProject keeps the project's VPC and subnets and sets the groups.
func setProject(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	api := codebuild.NewFromConfig(cfg)
	vc, err := projectVPC(ctx, api, r.ID)
	if err != nil {
		return err
	}
	next := types.VpcConfig{SecurityGroupIds: groups}
	if vc != nil {
		next.VpcId, next.Subnets = vc.VpcId, vc.Subnets
	}
	_, err = api.UpdateProject(ctx, &codebuild.UpdateProjectInput{Name: aws.String(r.ID), VpcConfig: &next})
	return svc.OpErr("codebuild:UpdateProject", err)
}

func setFleet(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	api := codebuild.NewFromConfig(cfg)
	vc, err := fleetVPC(ctx, api, r)
	if err != nil {
		return err
	}
	next := types.VpcConfig{SecurityGroupIds: groups}
	if vc != nil {
		next.VpcId, next.Subnets = vc.VpcId, vc.Subnets
	}
	arn := r.ARN
	if arn == "" {
		arn = r.ID
	}
	_, err = api.UpdateFleet(ctx, &codebuild.UpdateFleetInput{Arn: aws.String(arn), VpcConfig: &next})
	return svc.OpErr("codebuild:UpdateFleet", err)
}
