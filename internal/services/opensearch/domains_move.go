package opensearch

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/opensearch"
	"github.com/aws/aws-sdk-go-v2/service/opensearch/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// domainMover moves a VPC domain with UpdateDomainConfig VPCOptions,
// sending the subnets it has with the new groups. AWS lists "adding or
// removing VPC security groups" among the changes that cause a blue/green
// deployment: the domain is Processing (a new environment is built, data
// migrated, the old nodes removed) for minutes to hours, so the plan says
// so and Settled waits for Processing to end.
var domainMover = svc.Mover{
	API:  "es:UpdateDomainConfig (blue/green deployment)",
	ARNs: []string{"arn:aws:es:*:*:domain/*"},
	IAM:  []string{"es:DescribeDomains", "es:UpdateDomainConfig"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		d, err := describeDomain(ctx, opensearch.NewFromConfig(cfg), r.ID)
		if err != nil || d.VPCOptions == nil {
			return nil, err
		}
		return svc.One(r.ID, d.VPCOptions.SecurityGroupIds, group), nil
	},
	Move:    svc.SwapWith(setDomain),
	Restore: svc.RestoreWith(setDomain),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		d, err := describeDomain(ctx, opensearch.NewFromConfig(cfg), r.ID)
		if err != nil {
			return "", err
		}
		if aws.ToBool(d.Processing) || aws.ToBool(d.UpgradeProcessing) {
			s := "processing (blue/green deployment)"
			if d.DomainProcessingStatus != "" {
				s += ": " + string(d.DomainProcessingStatus)
			}
			return s, nil
		}
		return "", nil
	},
}

func describeDomain(ctx context.Context, api *opensearch.Client, name string) (types.DomainStatus, error) {
	out, err := api.DescribeDomains(ctx, &opensearch.DescribeDomainsInput{DomainNames: []string{name}})
	if err != nil {
		return types.DomainStatus{}, svc.OpErr("es:DescribeDomains", err)
	}
	if len(out.DomainStatusList) == 0 {
		return types.DomainStatus{}, svc.OpErr("es:DescribeDomains", svc.ErrNotFound)
	}
	return out.DomainStatusList[0], nil
}

// setDomain sends the subnets the domain has now, so that only the groups
// change.
func setDomain(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	api := opensearch.NewFromConfig(cfg)
	d, err := describeDomain(ctx, api, r.ID)
	if err != nil {
		return err
	}
	if d.VPCOptions == nil {
		return svc.OpErr("es:DescribeDomains", svc.ErrNotFound)
	}
	_, err = api.UpdateDomainConfig(ctx, &opensearch.UpdateDomainConfigInput{DomainName: aws.String(r.ID),
		VPCOptions: &types.VPCOptions{SubnetIds: d.VPCOptions.SubnetIds, SecurityGroupIds: groups}})
	return svc.OpErr("es:UpdateDomainConfig", err)
}
