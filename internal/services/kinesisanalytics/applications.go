package kinesisanalytics

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	ka "github.com/aws/aws-sdk-go-v2/service/kinesisanalyticsv2"
	"github.com/aws/aws-sdk-go-v2/service/kinesisanalyticsv2/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ApplicationsAPI is what finding Flink applications calls.
type ApplicationsAPI interface {
	ka.ListApplicationsAPIClient
	DescribeApplication(ctx context.Context, in *ka.DescribeApplicationInput, opts ...func(*ka.Options)) (*ka.DescribeApplicationOutput, error)
}

// Applications finds Flink (and Studio) applications whose
// VpcConfigurationDescriptions name a default group (the API requires
// SecurityGroupIds, so there is no fallback). The summaries carry no
// configuration, so it is one DescribeApplication per application.
var Applications = usage.Finder{
	Name:    "kinesisanalytics-applications",
	Service: "kinesisanalytics",
	Reads:   "every application's ApplicationConfigurationDescription.VpcConfigurationDescriptions[].SecurityGroupIds (ListApplications, DescribeApplication)",
	IAM:     []string{"kinesisanalytics:ListApplications", "kinesisanalytics:DescribeApplication"},
	Kinds:   []resource.Kind{Application},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findApplications(ctx, ka.NewFromConfig(cfg), t)
	},
}

func findApplications(ctx context.Context, api ApplicationsAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := ka.NewListApplicationsPaginator(api, &ka.ListApplicationsInput{Limit: aws.Int32(50)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.ApplicationSummaries {
			res, err := api.DescribeApplication(ctx, &ka.DescribeApplicationInput{ApplicationName: s.ApplicationName})
			if err != nil {
				return out, err
			}
			d := res.ApplicationDetail
			if d == nil || d.ApplicationConfigurationDescription == nil {
				continue
			}
			var groups []string
			for _, v := range d.ApplicationConfigurationDescription.VpcConfigurationDescriptions {
				groups = append(groups, v.SecurityGroupIds...)
			}
			kind := usage.KindLatent
			if d.ApplicationStatus == types.ApplicationStatusRunning {
				kind = usage.KindLive
			}
			out = append(out, svc.Users(t, groups, usage.Usage{Kind: kind, ResourceKind: Application,
				ResourceID: aws.ToString(d.ApplicationName), ARN: aws.ToString(d.ApplicationARN), Change: usage.ChangeInPlace,
				Detail: string(d.RuntimeEnvironment) + ", " + string(d.ApplicationStatus) + ": its workers get interfaces while it runs"})...)
		}
	}
	return out, nil
}
