package sagemaker

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// userProfileMover moves a Studio user profile with UpdateUserProfile
// UserSettings.SecurityGroups alone: the call updates the settings it is
// given and keeps the others. Apps and private spaces the user launches
// later use the new groups; running apps keep theirs until restarted.
// Settled waits for the profile to leave Updating; Update_Failed is an
// error.
var userProfileMover = svc.Mover{
	API:  "sagemaker:UpdateUserProfile",
	ARNs: []string{"arn:aws:sagemaker:*:*:user-profile/*/*"},
	IAM:  []string{"sagemaker:DescribeUserProfile", "sagemaker:UpdateUserProfile"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		p, err := describeUserProfile(ctx, sagemaker.NewFromConfig(cfg), r.ID)
		if err != nil || p.UserSettings == nil {
			return nil, err
		}
		return svc.One(r.ID, p.UserSettings.SecurityGroups, group), nil
	},
	Move:    svc.SwapWith(setUserProfile),
	Restore: svc.RestoreWith(setUserProfile),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		p, err := describeUserProfile(ctx, sagemaker.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		switch p.Status {
		case types.UserProfileStatusInService:
			return "", nil
		case types.UserProfileStatusUpdateFailed, types.UserProfileStatusFailed:
			return "", svc.OpErr("sagemaker:UpdateUserProfile", &svc.SettleError{Reason: string(p.Status) + " " + aws.ToString(p.FailureReason)})
		}
		return "status " + string(p.Status), nil
	},
}

// splitProfile parses the usage id "domain-id/profile-name".
func splitProfile(id string) (domain, name string, err error) {
	domain, name, ok := strings.Cut(id, "/")
	if !ok || domain == "" || name == "" {
		return "", "", fmt.Errorf("user profile id %q is not domain-id/name", id)
	}
	return domain, name, nil
}

func describeUserProfile(ctx context.Context, api *sagemaker.Client, id string) (*sagemaker.DescribeUserProfileOutput, error) {
	domain, name, err := splitProfile(id)
	if err != nil {
		return nil, svc.OpErr("sagemaker:DescribeUserProfile", err)
	}
	out, err := api.DescribeUserProfile(ctx, &sagemaker.DescribeUserProfileInput{DomainId: aws.String(domain), UserProfileName: aws.String(name)})
	return out, svc.OpErr("sagemaker:DescribeUserProfile", err)
}

func setUserProfile(ctx context.Context, cfg aws.Config, r svc.Resource, _ svc.Target, groups []string) error {
	domain, name, err := splitProfile(r.ID)
	if err != nil {
		return svc.OpErr("sagemaker:UpdateUserProfile", err)
	}
	_, err = sagemaker.NewFromConfig(cfg).UpdateUserProfile(ctx, &sagemaker.UpdateUserProfileInput{DomainId: aws.String(domain),
		UserProfileName: aws.String(name), UserSettings: &types.UserSettings{SecurityGroups: groups}})
	return svc.OpErr("sagemaker:UpdateUserProfile", err)
}
