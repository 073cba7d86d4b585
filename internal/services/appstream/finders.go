package appstream

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appstream"
	"github.com/aws/aws-sdk-go-v2/service/appstream/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// FleetsAPI and ImageBuildersAPI are what the finders call.
type (
	FleetsAPI interface {
		DescribeFleets(ctx context.Context, in *appstream.DescribeFleetsInput, opts ...func(*appstream.Options)) (*appstream.DescribeFleetsOutput, error)
	}
	ImageBuildersAPI interface {
		DescribeImageBuilders(ctx context.Context, in *appstream.DescribeImageBuildersInput, opts ...func(*appstream.Options)) (*appstream.DescribeImageBuildersOutput, error)
	}
)

// Fleets finds AppStream fleets in a default group. A stopped fleet has no
// streaming instance, so no interface: its groups are a latent use.
var Fleets = usage.Finder{
	Name:    "appstream-fleets",
	Service: "appstream",
	Reads:   "fleets' VpcConfig.SecurityGroupIds (DescribeFleets)",
	IAM:     []string{"appstream:DescribeFleets"},
	Kinds:   []resource.Kind{Fleet},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findFleets(ctx, appstream.NewFromConfig(cfg), t)
	},
}

// ImageBuilders finds AppStream image builders in a default group; a
// stopped one is a latent use.
var ImageBuilders = usage.Finder{
	Name:    "appstream-image-builders",
	Service: "appstream",
	Reads:   "image builders' VpcConfig.SecurityGroupIds (DescribeImageBuilders)",
	IAM:     []string{"appstream:DescribeImageBuilders"},
	Kinds:   []resource.Kind{ImageBuilder},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findImageBuilders(ctx, appstream.NewFromConfig(cfg), t)
	},
}

func findFleets(ctx context.Context, api FleetsAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	err := pages(func(token *string) (*string, error) {
		page, err := api.DescribeFleets(ctx, &appstream.DescribeFleetsInput{NextToken: token})
		if err != nil {
			return nil, err
		}
		for _, f := range page.Fleets {
			out = append(out, svc.Users(t, groupsOf(f.VpcConfig), usage.Usage{Kind: kindOf(string(f.State)),
				ResourceKind: Fleet, ResourceID: aws.ToString(f.Name), ARN: aws.ToString(f.Arn),
				Detail: string(f.FleetType) + " fleet, " + string(f.State), Change: usage.ChangeInPlace})...)
		}
		return page.NextToken, nil
	})
	return out, err
}

func findImageBuilders(ctx context.Context, api ImageBuildersAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	err := pages(func(token *string) (*string, error) {
		page, err := api.DescribeImageBuilders(ctx, &appstream.DescribeImageBuildersInput{NextToken: token, MaxResults: aws.Int32(25)})
		if err != nil {
			return nil, err
		}
		for _, b := range page.ImageBuilders {
			out = append(out, svc.Users(t, groupsOf(b.VpcConfig), usage.Usage{Kind: kindOf(string(b.State)),
				ResourceKind: ImageBuilder, ResourceID: aws.ToString(b.Name), ARN: aws.ToString(b.Arn),
				Detail: "image builder, " + string(b.State), Change: usage.ChangeReplacement})...)
		}
		return page.NextToken, nil
	})
	return out, err
}

func groupsOf(v *types.VpcConfig) []string {
	if v == nil {
		return nil
	}
	return v.SecurityGroupIds
}

// kindOf: a stopped fleet or builder has no instance and no interface.
func kindOf(state string) usage.Kind {
	if state == "STOPPED" {
		return usage.KindLatent
	}
	return usage.KindLive
}

// errRepeatedToken is a page token AppStream already gave.
var errRepeatedToken = errors.New("appstream returned a page token it had already returned")

// pages calls page with each NextToken until the last page. The SDK has no
// paginators for these calls; a repeated token is an error, never a loop
// or a silent stop.
func pages(page func(token *string) (*string, error)) error {
	seen := map[string]bool{}
	var token *string
	for {
		next, err := page(token)
		if err != nil {
			return err
		}
		if aws.ToString(next) == "" {
			return nil
		}
		if seen[*next] {
			return errRepeatedToken
		}
		seen[*next], token = true, next
	}
}
