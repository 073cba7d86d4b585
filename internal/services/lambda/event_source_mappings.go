package lambda

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// EventSourceMappings finds event source mappings from a self-managed
// Apache Kafka cluster whose SourceAccessConfigurations put Lambda's
// pollers in a default group: a VPC_SECURITY_GROUP naming it, or
// VPC_SUBNETs and no group (the subnets' VPC default group). Amazon MSK
// and Amazon MQ sources reach the broker with the broker's own groups,
// which the MSK and MQ finders read. ListEventSourceMappings returns the
// configurations: one listing call.
var EventSourceMappings = usage.Finder{
	Name:    "lambda-event-source-mappings",
	Service: "lambda",
	Reads:   "every event source mapping's SourceAccessConfigurations of type VPC_SECURITY_GROUP and VPC_SUBNET (ListEventSourceMappings)",
	IAM:     []string{"lambda:ListEventSourceMappings", "ec2:DescribeSubnets"},
	Kinds:   []resource.Kind{EventSourceMapping},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		us, err := findEventSourceMappings(ctx, lambda.NewFromConfig(cfg), t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, ec2.NewFromConfig(cfg), t, us)
	},
}

func findEventSourceMappings(ctx context.Context, api lambda.ListEventSourceMappingsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := lambda.NewListEventSourceMappingsPaginator(api, &lambda.ListEventSourceMappingsInput{MaxItems: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, m := range page.EventSourceMappings {
			var groups, subnets []string
			for _, a := range m.SourceAccessConfigurations {
				switch uri := aws.ToString(a.URI); a.Type {
				case types.SourceAccessTypeVpcSecurityGroup:
					groups = append(groups, strings.TrimPrefix(uri, "security_group:"))
				case types.SourceAccessTypeVpcSubnet:
					subnets = append(subnets, strings.TrimPrefix(uri, "subnet:"))
				}
			}
			if len(groups)+len(subnets) == 0 {
				continue
			}
			out = append(out, svc.AwsvpcUsers(t, groups, subnets, usage.Usage{Kind: usage.KindLatent, ResourceKind: EventSourceMapping,
				ResourceID: aws.ToString(m.UUID), ARN: aws.ToString(m.EventSourceMappingArn), Change: usage.ChangeInPlace,
				Detail: "polls a self-managed Kafka cluster for " + aws.ToString(m.FunctionArn) + " (" + aws.ToString(m.State) + ")"})...)
		}
	}
	return out, nil
}
