package imagebuilder

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/imagebuilder"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// InfrastructureConfigurationsAPI is what finding infrastructure
// configurations calls.
type InfrastructureConfigurationsAPI interface {
	imagebuilder.ListInfrastructureConfigurationsAPIClient
	GetInfrastructureConfiguration(ctx context.Context, in *imagebuilder.GetInfrastructureConfigurationInput, opts ...func(*imagebuilder.Options)) (*imagebuilder.GetInfrastructureConfigurationOutput, error)
}

// InfrastructureConfigurations finds infrastructure configurations whose
// build instances run in a default group: named in securityGroupIds, or
// none named, which RunInstances puts in the default group of subnetId's
// VPC, or of the default VPC when there is no subnetId either. The
// summaries carry no groups, so it is one Get per configuration.
var InfrastructureConfigurations = usage.Finder{
	Name:    "imagebuilder-infrastructure-configurations",
	Service: "imagebuilder",
	Reads:   "every infrastructure configuration's securityGroupIds and subnetId (ListInfrastructureConfigurations, GetInfrastructureConfiguration)",
	IAM:     []string{"imagebuilder:ListInfrastructureConfigurations", "imagebuilder:GetInfrastructureConfiguration", "ec2:DescribeSubnets"},
	Kinds:   []resource.Kind{InfrastructureConfiguration},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		us, err := findInfrastructureConfigurations(ctx, imagebuilder.NewFromConfig(cfg), t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, ec2.NewFromConfig(cfg), t, us)
	},
}

func findInfrastructureConfigurations(ctx context.Context, api InfrastructureConfigurationsAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := imagebuilder.NewListInfrastructureConfigurationsPaginator(api, &imagebuilder.ListInfrastructureConfigurationsInput{MaxResults: aws.Int32(25)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, s := range page.InfrastructureConfigurationSummaryList {
			res, err := api.GetInfrastructureConfiguration(ctx, &imagebuilder.GetInfrastructureConfigurationInput{InfrastructureConfigurationArn: s.Arn})
			if err != nil {
				return out, err
			}
			c := res.InfrastructureConfiguration
			if c == nil {
				continue
			}
			base := usage.Usage{Kind: usage.KindLatent, ResourceKind: InfrastructureConfiguration,
				ResourceID: aws.ToString(c.Name), ARN: aws.ToString(c.Arn),
				Detail:    "launches an image build instance each time a pipeline using it runs",
				ManagedBy: svc.ManagedBy(svc.TagsFromMap(c.Tags)), Change: usage.ChangeInPlace}
			switch subnet := aws.ToString(c.SubnetId); {
			case len(c.SecurityGroupIds) > 0:
				out = append(out, svc.Users(t, c.SecurityGroupIds, base)...)
			case subnet != "":
				base.GroupID = svc.NoGroupID([]string{subnet})
				out = append(out, base)
			case t.Has(t.DefaultVPCGroup):
				base.GroupID = t.DefaultVPCGroup
				base.Detail = "names no subnet and no security group, so it builds in the default VPC's default group; " + base.Detail
				out = append(out, base)
			}
		}
	}
	return out, nil
}
