package efs

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// mountTargetMover moves one mount target of a file system (usage id
// the mount target id).
var mountTargetMover = svc.Mover{
	API:  "elasticfilesystem:ModifyMountTargetSecurityGroups",
	ARNs: []string{"arn:aws:elasticfilesystem:*:*:file-system/*"},
	IAM:  []string{"elasticfilesystem:DescribeMountTargetSecurityGroups", "elasticfilesystem:ModifyMountTargetSecurityGroups"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		id := r.ID
		out, err := efs.NewFromConfig(cfg).DescribeMountTargetSecurityGroups(ctx, &efs.DescribeMountTargetSecurityGroupsInput{MountTargetId: aws.String(id)})
		if err != nil {
			return nil, svc.OpErr("elasticfilesystem:DescribeMountTargetSecurityGroups", err)
		}
		return svc.One(id, out.SecurityGroups, group), nil
	},
	Move:    svc.SwapWith(setMountTarget),
	Restore: svc.RestoreWith(setMountTarget),
}

func setMountTarget(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	_, err := efs.NewFromConfig(cfg).ModifyMountTargetSecurityGroups(ctx, &efs.ModifyMountTargetSecurityGroupsInput{
		MountTargetId: aws.String(t.ID), SecurityGroups: groups})
	return svc.OpErr("elasticfilesystem:ModifyMountTargetSecurityGroups", err)
}
