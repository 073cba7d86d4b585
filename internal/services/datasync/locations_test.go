package datasync

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datasync"
	"github.com/aws/aws-sdk-go-v2/service/datasync/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeLocations serves one location a page; each Describe answers only
// for locations of its own scheme.
type fakeLocations struct {
	uris   []string            // loc-<index> -> uri
	groups map[string][]string // uri -> group ids
}

func sgARN(id string) string { return "arn:aws:ec2:r:1:security-group/" + id }

func (f *fakeLocations) ListLocations(_ context.Context, in *datasync.ListLocationsInput, _ ...func(*datasync.Options)) (*datasync.ListLocationsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &datasync.ListLocationsOutput{Locations: []types.LocationListEntry{{LocationArn: aws.String(fmt.Sprintf("arn:aws:datasync:r:1:location/loc-%d", i)), LocationUri: aws.String(f.uris[i])}}}
	if i+1 < len(f.uris) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeLocations) arns(scheme string, arn *string) ([]string, error) {
	i, _ := strconv.Atoi(aws.ToString(arn)[len("arn:aws:datasync:r:1:location/loc-"):])
	uri := f.uris[i]
	if uri[:len(scheme)] != scheme {
		return nil, svctest.Unexpected("Describe " + scheme + " of " + uri)
	}
	var out []string
	for _, g := range f.groups[uri] {
		out = append(out, sgARN(g))
	}
	return out, nil
}

func (f *fakeLocations) DescribeLocationEfs(_ context.Context, in *datasync.DescribeLocationEfsInput, _ ...func(*datasync.Options)) (*datasync.DescribeLocationEfsOutput, error) {
	a, err := f.arns("efs", in.LocationArn)
	return &datasync.DescribeLocationEfsOutput{Ec2Config: &types.Ec2Config{SecurityGroupArns: a}}, err
}

func (f *fakeLocations) DescribeLocationFsxWindows(_ context.Context, in *datasync.DescribeLocationFsxWindowsInput, _ ...func(*datasync.Options)) (*datasync.DescribeLocationFsxWindowsOutput, error) {
	a, err := f.arns("fsxw", in.LocationArn)
	return &datasync.DescribeLocationFsxWindowsOutput{SecurityGroupArns: a}, err
}

func (f *fakeLocations) DescribeLocationFsxLustre(_ context.Context, in *datasync.DescribeLocationFsxLustreInput, _ ...func(*datasync.Options)) (*datasync.DescribeLocationFsxLustreOutput, error) {
	a, err := f.arns("fsxl", in.LocationArn)
	return &datasync.DescribeLocationFsxLustreOutput{SecurityGroupArns: a}, err
}

func (f *fakeLocations) DescribeLocationFsxOpenZfs(_ context.Context, in *datasync.DescribeLocationFsxOpenZfsInput, _ ...func(*datasync.Options)) (*datasync.DescribeLocationFsxOpenZfsOutput, error) {
	a, err := f.arns("fsxz", in.LocationArn)
	return &datasync.DescribeLocationFsxOpenZfsOutput{SecurityGroupArns: a}, err
}

func (f *fakeLocations) DescribeLocationFsxOntap(_ context.Context, in *datasync.DescribeLocationFsxOntapInput, _ ...func(*datasync.Options)) (*datasync.DescribeLocationFsxOntapOutput, error) {
	a, err := f.arns("fsxn", in.LocationArn)
	return &datasync.DescribeLocationFsxOntapOutput{SecurityGroupArns: a}, err
}

func TestLocationsEveryTypeWithGroups(t *testing.T) {
	f := &fakeLocations{
		uris: []string{"efs://r.fs-1/", "fsxw://r.fs-2/share", "fsxl://r.fs-3/", "fsxz://r.fs-4/", "fsxn://r.fs-5/", "s3://bucket/", "efs://r.fs-6/"},
		groups: map[string][]string{"efs://r.fs-1/": {"sg-x", "sg-def"}, "fsxw://r.fs-2/share": {"sg-def2"}, "fsxl://r.fs-3/": {"sg-def"},
			"fsxz://r.fs-4/": {"sg-def"}, "fsxn://r.fs-5/": {"sg-def"}, "efs://r.fs-6/": {"sg-x"}},
	}
	us, err := findLocations(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	want := "sg-def:loc-0:latent sg-def2:loc-1:latent sg-def:loc-2:latent sg-def:loc-3:latent sg-def:loc-4:latent"
	if got := svctest.IDs(us); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if us[0].ResourceKind != Location || us[0].Change != usage.ChangeReplacement {
		t.Fatalf("%+v", us[0])
	}
}
