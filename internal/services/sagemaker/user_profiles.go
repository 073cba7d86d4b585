package sagemaker

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// UserProfilesAPI is what the SageMaker user profile finder calls.
type UserProfilesAPI interface {
	sagemaker.ListUserProfilesAPIClient
	DescribeUserProfile(ctx context.Context, in *sagemaker.DescribeUserProfileInput, opts ...func(*sagemaker.Options)) (*sagemaker.DescribeUserProfileOutput, error)
}

// UserProfiles finds Studio user profiles, in every domain, whose
// UserSettings.SecurityGroups name a default group: the apps and private
// spaces the user launches later get interfaces with it. A space has no
// groups of its own (SpaceSettings has none): a private space takes its
// owner's, a shared one the domain's DefaultSpaceSettings, which the
// domain finder reads.
var UserProfiles = usage.Finder{
	Name:    "sagemaker-user-profiles",
	Service: "sagemaker",
	Reads:   "every domain's user profiles' UserSettings.SecurityGroups (ListUserProfiles, DescribeUserProfile)",
	IAM:     []string{"sagemaker:ListUserProfiles", "sagemaker:DescribeUserProfile"},
	Kinds:   []resource.Kind{UserProfile},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findUserProfiles(ctx, sagemaker.NewFromConfig(cfg), t)
	},
}

func findUserProfiles(ctx context.Context, api UserProfilesAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := sagemaker.NewListUserProfilesPaginator(api, &sagemaker.ListUserProfilesInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.UserProfiles {
			d, err := api.DescribeUserProfile(ctx, &sagemaker.DescribeUserProfileInput{DomainId: s.DomainId, UserProfileName: s.UserProfileName})
			if err != nil {
				return out, err
			}
			if d.UserSettings == nil {
				continue
			}
			out = append(out, svc.Users(t, d.UserSettings.SecurityGroups, usage.Usage{Kind: usage.KindLatent,
				ResourceKind: UserProfile, ResourceID: aws.ToString(d.DomainId) + "/" + aws.ToString(d.UserProfileName),
				ARN: aws.ToString(d.UserProfileArn), Change: usage.ChangeInPlace,
				Detail: "UserSettings.SecurityGroups: the apps and private spaces this user launches later use it"})...)
		}
	}
	return out, nil
}
