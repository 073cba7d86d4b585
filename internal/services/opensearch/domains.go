package opensearch

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/opensearch"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// OpenSearchAPI is what the OpenSearch domain finder calls.
type OpenSearchAPI interface {
	ListDomainNames(context.Context, *opensearch.ListDomainNamesInput, ...func(*opensearch.Options)) (*opensearch.ListDomainNamesOutput, error)
	DescribeDomains(context.Context, *opensearch.DescribeDomainsInput, ...func(*opensearch.Options)) (*opensearch.DescribeDomainsOutput, error)
}

// describeDomainsMax is how many names one DescribeDomains call accepts.
const describeDomainsMax = 5

// Domains finds OpenSearch (and Elasticsearch) domains whose VPC
// endpoint interfaces carry a default group. UpdateDomainConfig moves
// them in place.
var Domains = usage.Finder{
	Name:    "opensearch-domains",
	Service: "es",
	Reads:   "domains' VPCOptions.SecurityGroupIds (ListDomainNames, DescribeDomains)",
	IAM:     []string{"es:ListDomainNames", "es:DescribeDomains"},
	Kinds:   []resource.Kind{Domain},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findOpenSearchDomains(ctx, opensearch.NewFromConfig(cfg), t)
	},
}

func findOpenSearchDomains(ctx context.Context, api OpenSearchAPI, t usage.Target) ([]usage.Usage, error) {
	// ListDomainNames has no paging: it returns every domain of the region.
	list, err := api.ListDomainNames(ctx, &opensearch.ListDomainNamesInput{})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(list.DomainNames))
	for _, d := range list.DomainNames {
		names = append(names, aws.ToString(d.DomainName))
	}
	var out []usage.Usage
	for _, batch := range svc.Chunks(names, describeDomainsMax) {
		res, err := api.DescribeDomains(ctx, &opensearch.DescribeDomainsInput{DomainNames: batch})
		if err != nil {
			return out, err
		}
		for _, d := range res.DomainStatusList {
			vpc := d.VPCOptions
			if vpc == nil {
				continue // a public domain has no interfaces
			}
			out = append(out, svc.Users(t, vpc.SecurityGroupIds, usage.Usage{Kind: usage.KindLive,
				ResourceKind: Domain, ResourceID: aws.ToString(d.DomainName), ARN: aws.ToString(d.ARN),
				Detail: "VPC endpoint in " + aws.ToString(vpc.VPCId), Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
