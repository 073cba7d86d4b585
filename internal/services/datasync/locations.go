package datasync

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/datasync"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// LocationsAPI is what finding DataSync locations calls: the list, and
// the Describe of each location type that holds security groups.
type LocationsAPI interface {
	datasync.ListLocationsAPIClient
	DescribeLocationEfs(ctx context.Context, in *datasync.DescribeLocationEfsInput, opts ...func(*datasync.Options)) (*datasync.DescribeLocationEfsOutput, error)
	DescribeLocationFsxWindows(ctx context.Context, in *datasync.DescribeLocationFsxWindowsInput, opts ...func(*datasync.Options)) (*datasync.DescribeLocationFsxWindowsOutput, error)
	DescribeLocationFsxLustre(ctx context.Context, in *datasync.DescribeLocationFsxLustreInput, opts ...func(*datasync.Options)) (*datasync.DescribeLocationFsxLustreOutput, error)
	DescribeLocationFsxOpenZfs(ctx context.Context, in *datasync.DescribeLocationFsxOpenZfsInput, opts ...func(*datasync.Options)) (*datasync.DescribeLocationFsxOpenZfsOutput, error)
	DescribeLocationFsxOntap(ctx context.Context, in *datasync.DescribeLocationFsxOntapInput, opts ...func(*datasync.Options)) (*datasync.DescribeLocationFsxOntapOutput, error)
}

// Locations finds EFS and FSx locations whose security group ARNs name a
// default group: DataSync creates interfaces with them each time a task
// runs, so between runs nothing else shows it. The list gives only the
// ARN and URI; the URI's scheme says which Describe holds the groups.
var Locations = usage.Finder{
	Name:    "datasync-locations",
	Service: "datasync",
	Reads: "EFS locations' Ec2Config.SecurityGroupArns and FSx locations' SecurityGroupArns (ListLocations, " +
		"DescribeLocationEfs, DescribeLocationFsxWindows, DescribeLocationFsxLustre, DescribeLocationFsxOpenZfs, DescribeLocationFsxOntap)",
	IAM: []string{"datasync:ListLocations", "datasync:DescribeLocationEfs", "datasync:DescribeLocationFsxWindows",
		"datasync:DescribeLocationFsxLustre", "datasync:DescribeLocationFsxOpenZfs", "datasync:DescribeLocationFsxOntap"},
	Kinds: []resource.Kind{Location},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findLocations(ctx, datasync.NewFromConfig(cfg), t)
	},
}

func findLocations(ctx context.Context, api LocationsAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := datasync.NewListLocationsPaginator(api, &datasync.ListLocationsInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, l := range page.Locations {
			uri := aws.ToString(l.LocationUri)
			arns, err := groupARNs(ctx, api, l.LocationArn, uri)
			if err != nil {
				return out, err
			}
			ids := make([]string, 0, len(arns))
			for _, a := range arns {
				// arn:aws:ec2:region:account:security-group/sg-…
				ids = append(ids, a[strings.LastIndex(a, "/")+1:])
			}
			out = append(out, svc.Users(t, ids, usage.Usage{Kind: usage.KindLatent, ResourceKind: Location,
				ResourceID: aws.ToString(l.LocationArn)[strings.LastIndex(aws.ToString(l.LocationArn), "/")+1:],
				ARN:        aws.ToString(l.LocationArn), Change: usage.ChangeReplacement,
				Detail: uri + ": tasks using it create interfaces with its groups each run"})...)
		}
	}
	return out, nil
}

// groupARNs reads the security group ARNs of the location, by the scheme
// of its URI; other schemes (S3, NFS, SMB, HDFS, object storage, Azure
// Blob) hold none.
func groupARNs(ctx context.Context, api LocationsAPI, arn *string, uri string) ([]string, error) {
	scheme, _, _ := strings.Cut(uri, "://")
	switch scheme {
	case "efs":
		d, err := api.DescribeLocationEfs(ctx, &datasync.DescribeLocationEfsInput{LocationArn: arn})
		if err != nil || d.Ec2Config == nil {
			return nil, err
		}
		return d.Ec2Config.SecurityGroupArns, nil
	case "fsxw":
		d, err := api.DescribeLocationFsxWindows(ctx, &datasync.DescribeLocationFsxWindowsInput{LocationArn: arn})
		if err != nil {
			return nil, err
		}
		return d.SecurityGroupArns, nil
	case "fsxl":
		d, err := api.DescribeLocationFsxLustre(ctx, &datasync.DescribeLocationFsxLustreInput{LocationArn: arn})
		if err != nil {
			return nil, err
		}
		return d.SecurityGroupArns, nil
	case "fsxz":
		d, err := api.DescribeLocationFsxOpenZfs(ctx, &datasync.DescribeLocationFsxOpenZfsInput{LocationArn: arn})
		if err != nil {
			return nil, err
		}
		return d.SecurityGroupArns, nil
	case "fsxn":
		d, err := api.DescribeLocationFsxOntap(ctx, &datasync.DescribeLocationFsxOntapInput{LocationArn: arn})
		if err != nil {
			return nil, err
		}
		return d.SecurityGroupArns, nil
	}
	return nil, nil
}
