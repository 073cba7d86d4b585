package efs

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/efs"
	efstypes "github.com/aws/aws-sdk-go-v2/service/efs/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

type fakeEFS struct {
	t   *testing.T
	fss []efstypes.FileSystemDescription
	mts map[string][]efstypes.MountTargetDescription
	sgs map[string][]string
}

func (f *fakeEFS) DescribeFileSystems(context.Context, *efs.DescribeFileSystemsInput, ...func(*efs.Options)) (*efs.DescribeFileSystemsOutput, error) {
	return &efs.DescribeFileSystemsOutput{FileSystems: f.fss}, nil
}

func (f *fakeEFS) DescribeMountTargets(_ context.Context, in *efs.DescribeMountTargetsInput, _ ...func(*efs.Options)) (*efs.DescribeMountTargetsOutput, error) {
	mts, ok := f.mts[aws.ToString(in.FileSystemId)]
	if !ok {
		f.t.Errorf("mount targets of %s read", aws.ToString(in.FileSystemId))
	}
	return &efs.DescribeMountTargetsOutput{MountTargets: mts}, nil
}

func (f *fakeEFS) DescribeMountTargetSecurityGroups(_ context.Context, in *efs.DescribeMountTargetSecurityGroupsInput, _ ...func(*efs.Options)) (*efs.DescribeMountTargetSecurityGroupsOutput, error) {
	return &efs.DescribeMountTargetSecurityGroupsOutput{SecurityGroups: f.sgs[aws.ToString(in.MountTargetId)]}, nil
}

func TestEFSMountTargetsSkipEmptyFileSystems(t *testing.T) {
	f := &fakeEFS{t: t, fss: []efstypes.FileSystemDescription{
		{FileSystemId: aws.String("fs-empty")},
		{FileSystemId: aws.String("fs-1"), Name: aws.String("shared"), NumberOfMountTargets: 2},
	}, mts: map[string][]efstypes.MountTargetDescription{"fs-1": {{MountTargetId: aws.String("fsmt-a")}, {MountTargetId: aws.String("fsmt-b")}}},
		sgs: map[string][]string{"fsmt-a": {"sg-x"}, "fsmt-b": {"sg-def"}}}
	us, err := findEFSMountTargets(context.Background(), f, svctest.Target)
	if err != nil || svctest.IDs(us) != "sg-def:fsmt-b:live" || us[0].Detail != "file system fs-1 (shared), in " {
		t.Fatalf("got %s %v", svctest.IDs(us), err)
	}
}
