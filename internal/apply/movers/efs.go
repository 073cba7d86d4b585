package movers

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/efs"
)

// EFSMountTargets moves one mount target of a file system (usage id
// "fs-… (fsmt-…)").
var EFSMountTargets = Mover{
	Types: []string{"EFS mount target"},
	API:   "elasticfilesystem:ModifyMountTargetSecurityGroups",
	IAM:   []string{"elasticfilesystem:DescribeMountTargetSecurityGroups", "elasticfilesystem:ModifyMountTargetSecurityGroups"},
	Targets: func(ctx context.Context, cfg aws.Config, r Resource, group string) ([]Target, error) {
		id := idInParens(r.ID)
		out, err := efs.NewFromConfig(cfg).DescribeMountTargetSecurityGroups(ctx, &efs.DescribeMountTargetSecurityGroupsInput{MountTargetId: aws.String(id)})
		if err != nil {
			return nil, opErr("elasticfilesystem:DescribeMountTargetSecurityGroups", err)
		}
		return one(id, out.SecurityGroups, group), nil
	},
	Move:    swapWith(setMountTarget),
	Restore: restoreWith(setMountTarget),
}

func setMountTarget(ctx context.Context, cfg aws.Config, r Resource, t Target, groups []string) error {
	_, err := efs.NewFromConfig(cfg).ModifyMountTargetSecurityGroups(ctx, &efs.ModifyMountTargetSecurityGroupsInput{
		MountTargetId: aws.String(t.ID), SecurityGroups: groups})
	return opErr("elasticfilesystem:ModifyMountTargetSecurityGroups", err)
}
