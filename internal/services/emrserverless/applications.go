package emrserverless

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/emrserverless"
	"github.com/aws/aws-sdk-go-v2/service/emrserverless/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// ApplicationsAPI is what finding EMR Serverless applications calls.
type ApplicationsAPI interface {
	emrserverless.ListApplicationsAPIClient
	GetApplication(ctx context.Context, in *emrserverless.GetApplicationInput, opts ...func(*emrserverless.Options)) (*emrserverless.GetApplicationOutput, error)
}

// Applications finds EMR Serverless applications whose
// networkConfiguration names a default group, or names subnets and no
// group: workers then run in the subnets' VPC default group. Workers
// exist only while jobs run (or as pre-initialized capacity), so between
// runs nothing else shows it. The summaries carry no network, so it is
// one GetApplication per application; terminated ones can never run again.
var Applications = usage.Finder{
	Name:    "emrserverless-applications",
	Service: "emr-serverless",
	Reads:   "every application's networkConfiguration.securityGroupIds and subnetIds (ListApplications, GetApplication)",
	IAM:     []string{"emr-serverless:ListApplications", "emr-serverless:GetApplication", "ec2:DescribeSubnets"},
	Kinds:   []resource.Kind{Application},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		us, err := findApplications(ctx, emrserverless.NewFromConfig(cfg), t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, ec2.NewFromConfig(cfg), t, us)
	},
}

func findApplications(ctx context.Context, api ApplicationsAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := emrserverless.NewListApplicationsPaginator(api, &emrserverless.ListApplicationsInput{MaxResults: aws.Int32(50)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.Applications {
			if s.State == types.ApplicationStateTerminated {
				continue
			}
			res, err := api.GetApplication(ctx, &emrserverless.GetApplicationInput{ApplicationId: s.Id})
			if err != nil {
				return out, err
			}
			a := res.Application
			if a == nil || a.NetworkConfiguration == nil || len(a.NetworkConfiguration.SubnetIds)+len(a.NetworkConfiguration.SecurityGroupIds) == 0 {
				continue // not in a VPC
			}
			base := usage.Usage{Kind: usage.KindLatent, ResourceKind: Application, ResourceID: aws.ToString(a.ApplicationId),
				ARN: aws.ToString(a.Arn), ManagedBy: svc.ManagedBy(svc.TagsFromMap(a.Tags)), Change: usage.ChangeInPlace,
				Detail: aws.ToString(a.Name) + " (" + aws.ToString(a.Type) + ", " + string(a.State) + "): workers get interfaces while jobs run"}
			out = append(out, svc.AwsvpcUsers(t, a.NetworkConfiguration.SecurityGroupIds, a.NetworkConfiguration.SubnetIds, base)...)
		}
	}
	return out, nil
}
