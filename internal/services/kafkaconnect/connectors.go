package kafkaconnect

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/kafkaconnect"
	"github.com/aws/aws-sdk-go-v2/service/kafkaconnect/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Connectors finds MSK Connect connectors whose
// kafkaCluster.apacheKafkaCluster.vpc names a default group, or names
// subnets and no group: workers then run in the subnets' VPC default
// group. ListConnectors returns the VPC settings: one listing call.
var Connectors = usage.Finder{
	Name:    "kafkaconnect-connectors",
	Service: "kafkaconnect",
	Reads:   "every connector's kafkaCluster.apacheKafkaCluster.vpc.securityGroups and subnets (ListConnectors)",
	IAM:     []string{"kafkaconnect:ListConnectors", "ec2:DescribeSubnets"},
	Kinds:   []resource.Kind{Connector},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		us, err := findConnectors(ctx, kafkaconnect.NewFromConfig(cfg), t)
		if err != nil {
			return svc.WithoutNoGroup(us), err
		}
		return svc.ResolveNoGroup(ctx, ec2.NewFromConfig(cfg), t, us)
	},
}

func findConnectors(ctx context.Context, api kafkaconnect.ListConnectorsAPIClient, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := kafkaconnect.NewListConnectorsPaginator(api, &kafkaconnect.ListConnectorsInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, c := range page.Connectors {
			if c.KafkaCluster == nil || c.KafkaCluster.ApacheKafkaCluster == nil || c.KafkaCluster.ApacheKafkaCluster.Vpc == nil ||
				c.ConnectorState == types.ConnectorStateDeleting {
				continue
			}
			vpc := c.KafkaCluster.ApacheKafkaCluster.Vpc
			kind := usage.KindLatent
			if c.ConnectorState == types.ConnectorStateRunning {
				kind = usage.KindLive
			}
			out = append(out, svc.AwsvpcUsers(t, vpc.SecurityGroups, vpc.Subnets, usage.Usage{Kind: kind, ResourceKind: Connector,
				ResourceID: aws.ToString(c.ConnectorName), ARN: aws.ToString(c.ConnectorArn), Change: usage.ChangeReplacement,
				Detail: "connector " + string(c.ConnectorState) + ": its workers run in this VPC configuration"})...)
		}
	}
	return out, nil
}
