package mq

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/mq"
	"github.com/aws/aws-sdk-go-v2/service/mq/types"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// BrokersAPI is what finding brokers calls.
type BrokersAPI interface {
	mq.ListBrokersAPIClient
	DescribeBroker(ctx context.Context, in *mq.DescribeBrokerInput, opts ...func(*mq.Options)) (*mq.DescribeBrokerOutput, error)
}

// Brokers finds Amazon MQ brokers whose groups, or whose groups pending the
// next reboot, include a default group. ListBrokers returns no groups, so
// it is one DescribeBroker per broker.
var Brokers = usage.Finder{
	Name:    "mq-brokers",
	Service: "mq",
	Reads:   "every broker's SecurityGroups and PendingSecurityGroups (ListBrokers, DescribeBroker)",
	IAM:     []string{"mq:ListBrokers", "mq:DescribeBroker"},
	Kinds:   []resource.Kind{Broker, RabbitMQBroker},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findBrokers(ctx, mq.NewFromConfig(cfg), t)
	},
}

func findBrokers(ctx context.Context, api BrokersAPI, t usage.Target) ([]usage.Usage, error) {
	var out []usage.Usage
	p := mq.NewListBrokersPaginator(api, &mq.ListBrokersInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, b := range page.BrokerSummaries {
			d, err := api.DescribeBroker(ctx, &mq.DescribeBrokerInput{BrokerId: b.BrokerId})
			if err != nil {
				return out, err
			}
			out = append(out, brokerUsers(t, d)...)
		}
	}
	return out, nil
}

func brokerUsers(t usage.Target, d *mq.DescribeBrokerOutput) []usage.Usage {
	base := usage.Usage{Kind: usage.KindLive, ResourceKind: Broker, ResourceID: aws.ToString(d.BrokerId),
		ARN: aws.ToString(d.BrokerArn), Detail: aws.ToString(d.BrokerName) + ", " + string(d.EngineType) + " " + string(d.DeploymentMode),
		ManagedBy: svc.ManagedBy(svc.TagsFromMap(d.Tags)), Change: usage.ChangeInPlace}
	if d.EngineType == types.EngineTypeRabbitmq {
		// "Changing security groups is not supported for RabbitMQ brokers."
		base.ResourceKind, base.Change = RabbitMQBroker, usage.ChangeReplacement
	}
	groups := append(append([]string{}, d.SecurityGroups...), d.PendingSecurityGroups...)
	return svc.Users(t, groups, base)
}
