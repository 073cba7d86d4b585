package fsx

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/fsx"
	fsxtypes "github.com/aws/aws-sdk-go-v2/service/fsx/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeFSx serves one file system a page.
type fakeFSx struct{ systems []fsxtypes.FileSystem }

func (f *fakeFSx) DescribeFileSystems(_ context.Context, in *fsx.DescribeFileSystemsInput, _ ...func(*fsx.Options)) (*fsx.DescribeFileSystemsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &fsx.DescribeFileSystemsOutput{FileSystems: f.systems[i : i+1]}
	if i+1 < len(f.systems) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

// fakeENIs answers like EC2's filters: the listed interfaces in one of the
// listed groups; it fails on a call without both filters.
type fakeENIs struct {
	enis  []ec2types.NetworkInterface
	calls int
}

func (f *fakeENIs) DescribeNetworkInterfaces(_ context.Context, in *ec2.DescribeNetworkInterfacesInput, _ ...func(*ec2.Options)) (*ec2.DescribeNetworkInterfacesOutput, error) {
	f.calls++
	var ids, groups []string
	for _, fl := range in.Filters {
		switch aws.ToString(fl.Name) {
		case "network-interface-id":
			ids = fl.Values
		case "group-id":
			groups = fl.Values
		}
	}
	if ids == nil || groups == nil || len(in.NetworkInterfaceIds) > 0 {
		return nil, svctest.Unexpected("DescribeNetworkInterfaces without both filters")
	}
	out := &ec2.DescribeNetworkInterfacesOutput{}
	for _, n := range f.enis {
		in := slices.ContainsFunc(n.Groups, func(g ec2types.GroupIdentifier) bool { return slices.Contains(groups, aws.ToString(g.GroupId)) })
		if in && slices.Contains(ids, aws.ToString(n.NetworkInterfaceId)) {
			out.NetworkInterfaces = append(out.NetworkInterfaces, n)
		}
	}
	return out, nil
}

func eni(id string, groups ...string) ec2types.NetworkInterface {
	n := ec2types.NetworkInterface{NetworkInterfaceId: aws.String(id)}
	for _, g := range groups {
		n.Groups = append(n.Groups, ec2types.GroupIdentifier{GroupId: aws.String(g)})
	}
	return n
}

func TestFileSystemsFromTheirInterfacesAcrossPages(t *testing.T) {
	f := &fakeFSx{systems: []fsxtypes.FileSystem{
		{FileSystemId: aws.String("fs-1"), FileSystemType: fsxtypes.FileSystemTypeWindows, NetworkInterfaceIds: []string{"eni-1"},
			Tags: []fsxtypes.Tag{{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("shares")}}},
		{FileSystemId: aws.String("fs-2"), FileSystemType: fsxtypes.FileSystemTypeLustre, NetworkInterfaceIds: []string{"eni-2", "eni-3"}},
		{FileSystemId: aws.String("fs-3"), FileSystemType: fsxtypes.FileSystemTypeOntap, NetworkInterfaceIds: []string{"eni-4", "eni-5"}},
		{FileSystemId: aws.String("fs-4"), FileSystemType: fsxtypes.FileSystemTypeOpenzfs},
	}}
	e := &fakeENIs{enis: []ec2types.NetworkInterface{
		eni("eni-1", "sg-def", "sg-app"),
		eni("eni-2", "sg-app"), eni("eni-3", "sg-def2"), // a Lustre file system: each interface counts
		eni("eni-4", "sg-app"), eni("eni-5", "sg-app"),
		eni("eni-9", "sg-def"), // not an FSx interface
	}}
	us, err := findFileSystems(context.Background(), f, e, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:fs-1:live sg-def2:fs-2:live" {
		t.Fatalf("got %s", got)
	}
	if us[0].ManagedBy != "cloudformation:shares" || us[0].ResourceKind != FileSystem || us[0].Change != usage.ChangeReplacement {
		t.Fatalf("fs-1: %+v", us[0])
	}
	if e.calls != 1 {
		t.Fatalf("%d DescribeNetworkInterfaces calls, want 1", e.calls)
	}
}

func TestFileSystemsWithoutInterfacesReadNoInterfaces(t *testing.T) {
	f := &fakeFSx{systems: []fsxtypes.FileSystem{{FileSystemId: aws.String("fs-1")}}}
	us, err := findFileSystems(context.Background(), f, &fakeENIs{}, svctest.Target)
	if err != nil || len(us) != 0 {
		t.Fatalf("got %v, %v", us, err)
	}
}
