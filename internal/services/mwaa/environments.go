package mwaa

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/mwaa"
	"github.com/aws/smithy-go/middleware"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// MWAAAPI is what the MWAA environment finder calls.
type MWAAAPI interface {
	mwaa.ListEnvironmentsAPIClient
	GetEnvironment(context.Context, *mwaa.GetEnvironmentInput, ...func(*mwaa.Options)) (*mwaa.GetEnvironmentOutput, error)
}

// Environments finds Managed Workflows for Apache Airflow environments
// whose network configuration names a default group. Their workers come
// and go, so the use is latent; UpdateEnvironment moves it, which
// redeploys the environment.
var Environments = usage.Finder{
	Name:    "mwaa-environments",
	Service: "airflow",
	Reads:   "environments' NetworkConfiguration.SecurityGroupIds (ListEnvironments, GetEnvironment)",
	IAM:     []string{"airflow:ListEnvironments", "airflow:GetEnvironment"},
	Kinds:   []resource.Kind{Environment},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findMWAAEnvironments(ctx, newClient(cfg), t)
	},
}

// newClient is the MWAA client of the finder and the mover.
func newClient(cfg aws.Config) *mwaa.Client {
	return mwaa.NewFromConfig(cfg, func(o *mwaa.Options) {
		if o.BaseEndpoint != nil {
			// A custom endpoint is the whole host: no "api." prefix.
			o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
				_, err := s.Finalize.Remove("EndpointHostPrefix")
				return err
			})
		}
	})
}

func findMWAAEnvironments(ctx context.Context, api MWAAAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := mwaa.NewListEnvironmentsPaginator(api, &mwaa.ListEnvironmentsInput{MaxResults: aws.Int32(25)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, name := range page.Environments {
			res, err := api.GetEnvironment(ctx, &mwaa.GetEnvironmentInput{Name: aws.String(name)})
			if err != nil {
				return out, err
			}
			env := res.Environment
			if env == nil || env.NetworkConfiguration == nil {
				continue
			}
			out = append(out, svc.Users(t, env.NetworkConfiguration.SecurityGroupIds, usage.Usage{Kind: usage.KindLatent, ResourceKind: Environment, ResourceID: name, ARN: aws.ToString(env.Arn),
				Detail: "Airflow workers, schedulers and web server", ManagedBy: svc.ManagedBy(svc.TagsFromMap(env.Tags)),
				Change: usage.ChangeDeployment})...)
		}
	}
	return out, nil
}
