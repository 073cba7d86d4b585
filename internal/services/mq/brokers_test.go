package mq

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/mq"
	"github.com/aws/aws-sdk-go-v2/service/mq/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeBrokers serves one broker a page and each broker's description.
type fakeBrokers struct {
	t       *testing.T
	brokers []*mq.DescribeBrokerOutput
}

func (f *fakeBrokers) ListBrokers(_ context.Context, in *mq.ListBrokersInput, _ ...func(*mq.Options)) (*mq.ListBrokersOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &mq.ListBrokersOutput{BrokerSummaries: []types.BrokerSummary{{BrokerId: f.brokers[i].BrokerId}}}
	if i+1 < len(f.brokers) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeBrokers) DescribeBroker(_ context.Context, in *mq.DescribeBrokerInput, _ ...func(*mq.Options)) (*mq.DescribeBrokerOutput, error) {
	for _, b := range f.brokers {
		if aws.ToString(b.BrokerId) == aws.ToString(in.BrokerId) {
			return b, nil
		}
	}
	return nil, svctest.Unexpected("DescribeBroker " + aws.ToString(in.BrokerId))
}

func TestBrokersCurrentAndPendingGroupsAcrossPages(t *testing.T) {
	f := &fakeBrokers{t: t, brokers: []*mq.DescribeBrokerOutput{
		{BrokerId: aws.String("b-1"), EngineType: types.EngineTypeActivemq, SecurityGroups: []string{"sg-def", "sg-app"},
			Tags: map[string]string{"aws:cloudformation:stack-name": "queues"}},
		{BrokerId: aws.String("b-2"), EngineType: types.EngineTypeActivemq, SecurityGroups: []string{"sg-app"}},
		// Moved off the default group, but the change waits for a reboot:
		// still a user until then. And a move onto it is a user already.
		{BrokerId: aws.String("b-3"), EngineType: types.EngineTypeActivemq, SecurityGroups: []string{"sg-def2"}, PendingSecurityGroups: []string{"sg-app"}},
		{BrokerId: aws.String("b-4"), EngineType: types.EngineTypeActivemq, SecurityGroups: []string{"sg-app"}, PendingSecurityGroups: []string{"sg-def"}},
		{BrokerId: aws.String("b-5"), EngineType: types.EngineTypeRabbitmq, SecurityGroups: []string{"sg-def"}},
	}}
	us, err := findBrokers(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:b-1:live sg-def2:b-3:live sg-def:b-4:live sg-def:b-5:live" {
		t.Fatalf("got %s", got)
	}
	if us[0].ManagedBy != "cloudformation:queues" || us[0].ResourceKind != Broker || us[0].Change != usage.ChangeInPlace {
		t.Fatalf("b-1: %+v", us[0])
	}
	if us[3].ResourceKind != RabbitMQBroker || us[3].Change != usage.ChangeReplacement {
		t.Fatalf("a RabbitMQ broker cannot change its groups: %+v", us[3])
	}
}
