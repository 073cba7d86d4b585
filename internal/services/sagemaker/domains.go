package sagemaker

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// SageMakerDomainsAPI is what the SageMaker domain finder calls.
type SageMakerDomainsAPI interface {
	sagemaker.ListDomainsAPIClient
	DescribeDomain(ctx context.Context, in *sagemaker.DescribeDomainInput, opts ...func(*sagemaker.Options)) (*sagemaker.DescribeDomainOutput, error)
}

// Domains finds Studio domains whose default user or space
// settings, or domain settings, name a default group: apps and spaces
// launched later get interfaces with it. UpdateDomain changes them in place.
var Domains = usage.Finder{
	Name:    "sagemaker-domains",
	Service: "sagemaker",
	Reads:   "domains' DefaultUserSettings.SecurityGroups, DefaultSpaceSettings.SecurityGroups and DomainSettings.SecurityGroupIds (ListDomains, DescribeDomain)",
	IAM:     []string{"sagemaker:ListDomains", "sagemaker:DescribeDomain"},
	Kinds:   []resource.Kind{Domain},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findSageMakerDomains(ctx, sagemaker.NewFromConfig(cfg), t)
	},
}

func findSageMakerDomains(ctx context.Context, api SageMakerDomainsAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := sagemaker.NewListDomainsPaginator(api, &sagemaker.ListDomainsInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.Domains {
			d, err := api.DescribeDomain(ctx, &sagemaker.DescribeDomainInput{DomainId: s.DomainId})
			if err != nil {
				return out, err
			}
			var settings [3][]string
			if d.DefaultUserSettings != nil {
				settings[0] = d.DefaultUserSettings.SecurityGroups
			}
			if d.DefaultSpaceSettings != nil {
				settings[1] = d.DefaultSpaceSettings.SecurityGroups
			}
			if d.DomainSettings != nil {
				settings[2] = d.DomainSettings.SecurityGroupIds
			}
			seen := map[string]bool{}
			for i, what := range []string{"DefaultUserSettings.SecurityGroups", "DefaultSpaceSettings.SecurityGroups", "DomainSettings.SecurityGroupIds"} {
				for _, u := range svc.Users(t, settings[i], usage.Usage{Kind: usage.KindLatent,
					ResourceKind: Domain, ResourceID: aws.ToString(d.DomainName), ARN: aws.ToString(d.DomainArn),
					Detail: what + " of domain " + aws.ToString(d.DomainId) + ": apps and spaces launched later use it",
					Change: usage.ChangeInPlace}) {
					if !seen[u.GroupID] {
						seen[u.GroupID] = true
						out = append(out, u)
					}
				}
			}
		}
	}
	return out, nil
}
