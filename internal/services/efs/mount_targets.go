package efs

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// EFSAPI is what the mount target finder calls.
type EFSAPI interface {
	efs.DescribeFileSystemsAPIClient
	efs.DescribeMountTargetsAPIClient
	DescribeMountTargetSecurityGroups(ctx context.Context, in *efs.DescribeMountTargetSecurityGroupsInput, opts ...func(*efs.Options)) (*efs.DescribeMountTargetSecurityGroupsOutput, error)
}

// MountTargets finds EFS mount targets in a default group. Only
// DescribeMountTargetSecurityGroups returns a mount target's groups, so it
// is one call per mount target; ModifyMountTargetSecurityGroups moves it.
var MountTargets = usage.Finder{
	Name:    "efs-mount-targets",
	Service: "elasticfilesystem",
	Reads:   "every file system's mount targets and their groups (DescribeFileSystems, DescribeMountTargets, DescribeMountTargetSecurityGroups)",
	IAM: []string{"elasticfilesystem:DescribeFileSystems", "elasticfilesystem:DescribeMountTargets",
		"elasticfilesystem:DescribeMountTargetSecurityGroups"},
	Kinds: []resource.Kind{MountTarget},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findEFSMountTargets(ctx, efs.NewFromConfig(cfg), t)
	},
}

func findEFSMountTargets(ctx context.Context, api EFSAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := efs.NewDescribeFileSystemsPaginator(api, &efs.DescribeFileSystemsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, fs := range page.FileSystems {
			if fs.NumberOfMountTargets == 0 {
				continue
			}
			us, err := fileSystemUsers(ctx, api, t, fs)
			out = append(out, us...)
			if err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

func fileSystemUsers(ctx context.Context, api EFSAPI, t usage.Target, fs efstypes.FileSystemDescription) ([]usage.Usage, error) {
	var out []usage.Usage
	owner := svc.ManagedBy(svc.TagsOf(fs.Tags, func(tag efstypes.Tag) (*string, *string) { return tag.Key, tag.Value }))
	p := efs.NewDescribeMountTargetsPaginator(api, &efs.DescribeMountTargetsInput{FileSystemId: fs.FileSystemId, MaxItems: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, mt := range page.MountTargets {
			sgs, err := api.DescribeMountTargetSecurityGroups(ctx, &efs.DescribeMountTargetSecurityGroupsInput{MountTargetId: mt.MountTargetId})
			if err != nil {
				return out, err
			}
			detail := "file system " + aws.ToString(fs.FileSystemId) + ", in " + aws.ToString(mt.SubnetId)
			if name := aws.ToString(fs.Name); name != "" {
				detail = "file system " + aws.ToString(fs.FileSystemId) + " (" + name + "), in " + aws.ToString(mt.SubnetId)
			}
			out = append(out, svc.Users(t, sgs.SecurityGroups, usage.Usage{Kind: usage.KindLive,
				ResourceKind: MountTarget, ResourceID: aws.ToString(mt.MountTargetId),
				ARN: aws.ToString(fs.FileSystemArn), Detail: detail, ManagedBy: owner, Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
