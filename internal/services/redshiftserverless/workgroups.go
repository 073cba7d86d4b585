package redshiftserverless

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	rss "github.com/aws/aws-sdk-go-v2/service/redshiftserverless"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// WorkgroupsAPI is what finding workgroups calls.
type WorkgroupsAPI interface {
	rss.ListWorkgroupsAPIClient
	ListTagsForResource(ctx context.Context, in *rss.ListTagsForResourceInput, opts ...func(*rss.Options)) (*rss.ListTagsForResourceOutput, error)
}

// Workgroups finds Redshift Serverless workgroups in a default group.
var Workgroups = usage.Finder{
	Name:    "redshift-serverless-workgroups",
	Service: "redshift-serverless",
	Reads:   "workgroups' securityGroupIds (ListWorkgroups)",
	IAM:     []string{"redshift-serverless:ListWorkgroups", "redshift-serverless:ListTagsForResource"},
	Kinds:   []resource.Kind{Workgroup},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findWorkgroups(ctx, rss.NewFromConfig(cfg), t)
	},
}

func findWorkgroups(ctx context.Context, api WorkgroupsAPI, t usage.Target) ([]usage.Usage, error) {
	out, err := listWorkgroups(ctx, api, t)
	// ListWorkgroups returns no tags: read them for the users only.
	svc.SetOwners(out, "redshift-serverless:ListTagsForResource", func(u usage.Usage) string { return u.ARN },
		func(arn string) (map[string]string, error) {
			res, err := api.ListTagsForResource(ctx, &rss.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
			if err != nil {
				return nil, err
			}
			tags := map[string]string{}
			for _, tg := range res.Tags {
				tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
			}
			return tags, nil
		})
	return out, err
}

func listWorkgroups(ctx context.Context, api rss.ListWorkgroupsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := rss.NewListWorkgroupsPaginator(api, &rss.ListWorkgroupsInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, w := range page.Workgroups {
			out = append(out, svc.Users(t, w.SecurityGroupIds, usage.Usage{Kind: usage.KindLive, ResourceKind: Workgroup,
				ResourceID: aws.ToString(w.WorkgroupName), ARN: aws.ToString(w.WorkgroupArn),
				Detail: "namespace " + aws.ToString(w.NamespaceName) + ", " + string(w.Status), Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
