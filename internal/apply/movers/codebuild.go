package movers

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	"github.com/aws/aws-sdk-go-v2/service/codebuild/types"
)

// CodeBuildProjects moves a project's vpcConfig: its builds create their
// interfaces only while they run, so the next build uses the replacement.
var CodeBuildProjects = Mover{
	Types: []string{"CodeBuild project"},
	API:   "codebuild:UpdateProject",
	IAM:   []string{"codebuild:BatchGetProjects", "codebuild:UpdateProject"},
	Targets: func(ctx context.Context, cfg aws.Config, r Resource, group string) ([]Target, error) {
		vc, err := projectVPC(ctx, codebuild.NewFromConfig(cfg), r.ID)
		if err != nil || vc == nil {
			return nil, err
		}
		return one(r.ID, vc.SecurityGroupIds, group), nil
	},
	Move:    swapWith(setProject),
	Restore: restoreWith(setProject),
}

// CodeBuildFleets moves a reserved-capacity fleet's vpcConfig.
var CodeBuildFleets = Mover{
	Types: []string{"CodeBuild fleet"},
	API:   "codebuild:UpdateFleet",
	IAM:   []string{"codebuild:BatchGetFleets", "codebuild:UpdateFleet"},
	Targets: func(ctx context.Context, cfg aws.Config, r Resource, group string) ([]Target, error) {
		vc, err := fleetVPC(ctx, codebuild.NewFromConfig(cfg), r)
		if err != nil || vc == nil {
			return nil, err
		}
		return one(r.ID, vc.SecurityGroupIds, group), nil
	},
	Move:    swapWith(setFleet),
	Restore: restoreWith(setFleet),
}

func projectVPC(ctx context.Context, api *codebuild.Client, name string) (*types.VpcConfig, error) {
	out, err := api.BatchGetProjects(ctx, &codebuild.BatchGetProjectsInput{Names: []string{name}})
	if err != nil {
		return nil, opErr("codebuild:BatchGetProjects", err)
	}
	if len(out.Projects) == 0 {
		return nil, opErr("codebuild:BatchGetProjects", ErrNotFound)
	}
	return out.Projects[0].VpcConfig, nil
}

func fleetVPC(ctx context.Context, api *codebuild.Client, r Resource) (*types.VpcConfig, error) {
	name := r.ARN
	if name == "" {
		name = r.ID
	}
	out, err := api.BatchGetFleets(ctx, &codebuild.BatchGetFleetsInput{Names: []string{name}})
	if err != nil {
		return nil, opErr("codebuild:BatchGetFleets", err)
	}
	if len(out.Fleets) == 0 {
		return nil, opErr("codebuild:BatchGetFleets", ErrNotFound)
	}
	return out.Fleets[0].VpcConfig, nil
}

// setProject keeps the project's VPC and subnets and sets the groups.
func setProject(ctx context.Context, cfg aws.Config, r Resource, t Target, groups []string) error {
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
	return opErr("codebuild:UpdateProject", err)
}

func setFleet(ctx context.Context, cfg aws.Config, r Resource, t Target, groups []string) error {
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
	return opErr("codebuild:UpdateFleet", err)
}
