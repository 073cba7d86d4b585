package route53resolver

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// EndpointsAPI is what finding Resolver endpoints calls.
type EndpointsAPI interface {
	route53resolver.ListResolverEndpointsAPIClient
	route53resolver.ListTagsForResourceAPIClient
}

// Endpoints finds Resolver endpoints in a default group. Their interfaces
// name them too, but the API also finds an endpoint whose interfaces are
// being replaced, and its direction.
var Endpoints = usage.Finder{
	Name:    "route53resolver-endpoints",
	Service: "route53resolver",
	Reads:   "Resolver endpoints' SecurityGroupIds (ListResolverEndpoints)",
	IAM:     []string{"route53resolver:ListResolverEndpoints", "route53resolver:ListTagsForResource"},
	Kinds:   []resource.Kind{Endpoint},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findEndpoints(ctx, route53resolver.NewFromConfig(cfg), t)
	},
}

func findEndpoints(ctx context.Context, api EndpointsAPI, t usage.Target) ([]usage.Usage, error) {
	out, err := listEndpoints(ctx, api, t)
	// ListResolverEndpoints returns no tags: read them for the users only.
	svc.SetOwners(out, "route53resolver:ListTagsForResource", func(u usage.Usage) string { return u.ARN },
		func(arn string) (map[string]string, error) {
			tags := map[string]string{}
			tp := route53resolver.NewListTagsForResourcePaginator(api, &route53resolver.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
			for tp.HasMorePages() {
				page, err := tp.NextPage(ctx)
				if err != nil {
					return nil, err
				}
				for _, tg := range page.Tags {
					tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
				}
			}
			return tags, nil
		})
	return out, err
}

func listEndpoints(ctx context.Context, api route53resolver.ListResolverEndpointsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := route53resolver.NewListResolverEndpointsPaginator(api, &route53resolver.ListResolverEndpointsInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, e := range page.ResolverEndpoints {
			out = append(out, svc.Users(t, e.SecurityGroupIds, usage.Usage{Kind: usage.KindLive, ResourceKind: Endpoint,
				ResourceID: aws.ToString(e.Id), ARN: aws.ToString(e.Arn),
				Detail: aws.ToString(e.Name) + ", " + string(e.Direction), Change: usage.ChangeReplacement})...)
		}
	}
	return out, nil
}
