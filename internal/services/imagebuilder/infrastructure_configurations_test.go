package imagebuilder

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/imagebuilder"
	"github.com/aws/aws-sdk-go-v2/service/imagebuilder/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeConfigs serves one configuration a page and each one's details.
type fakeConfigs struct {
	configs []types.InfrastructureConfiguration
}

func (f *fakeConfigs) ListInfrastructureConfigurations(_ context.Context, in *imagebuilder.ListInfrastructureConfigurationsInput, _ ...func(*imagebuilder.Options)) (*imagebuilder.ListInfrastructureConfigurationsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &imagebuilder.ListInfrastructureConfigurationsOutput{InfrastructureConfigurationSummaryList: []types.InfrastructureConfigurationSummary{{Arn: f.configs[i].Arn}}}
	if i+1 < len(f.configs) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeConfigs) GetInfrastructureConfiguration(_ context.Context, in *imagebuilder.GetInfrastructureConfigurationInput, _ ...func(*imagebuilder.Options)) (*imagebuilder.GetInfrastructureConfigurationOutput, error) {
	for i := range f.configs {
		if aws.ToString(f.configs[i].Arn) == aws.ToString(in.InfrastructureConfigurationArn) {
			return &imagebuilder.GetInfrastructureConfigurationOutput{InfrastructureConfiguration: &f.configs[i]}, nil
		}
	}
	return nil, svctest.Unexpected("GetInfrastructureConfiguration " + aws.ToString(in.InfrastructureConfigurationArn))
}

func config(name, subnet string, groups ...string) types.InfrastructureConfiguration {
	c := types.InfrastructureConfiguration{Name: aws.String(name), Arn: aws.String("arn:" + name), SecurityGroupIds: groups}
	if subnet != "" {
		c.SubnetId = aws.String(subnet)
	}
	return c
}

func TestInfrastructureConfigurationsNamedNoGroupAndNoSubnet(t *testing.T) {
	named := config("named", "subnet-1", "sg-x", "sg-def2")
	named.Tags = map[string]string{"aws:cloudformation:stack-name": "images"}
	f := &fakeConfigs{configs: []types.InfrastructureConfiguration{
		named,
		config("web", "subnet-1", "sg-x"),
		// No group: the subnet's VPC default, resolved later.
		config("subnet-only", "subnet-2"),
		// Neither: the default VPC's default group.
		config("bare", ""),
	}}
	us, err := findInfrastructureConfigurations(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def2:named:latent subnets:subnet-2:subnet-only:latent sg-def:bare:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ManagedBy != "cloudformation:images" || us[0].ARN != "arn:named" || us[0].ResourceKind != InfrastructureConfiguration || us[0].Change != usage.ChangeInPlace {
		t.Fatalf("named: %+v", us[0])
	}
	if !strings.Contains(us[2].Detail, "default VPC") {
		t.Fatalf("bare: %+v", us[2])
	}
}

// With no default VPC among the targets, a configuration naming neither
// subnet nor group cannot use a target group.
func TestInfrastructureConfigurationsNoDefaultVPC(t *testing.T) {
	target := svctest.Target
	target.DefaultVPCGroup = ""
	us, err := findInfrastructureConfigurations(context.Background(), &fakeConfigs{configs: []types.InfrastructureConfiguration{config("bare", "")}}, target)
	if err != nil || len(us) != 0 {
		t.Fatalf("got %s, %v", svctest.IDs(us), err)
	}
}
