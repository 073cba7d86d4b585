package pipes

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/pipes"
	ptypes "github.com/aws/aws-sdk-go-v2/service/pipes/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

func TestSourceUsersSelfManagedKafkaVPC(t *testing.T) {
	pipe := func(name string, vpc *ptypes.SelfManagedKafkaAccessConfigurationVpc) *pipes.DescribePipeOutput {
		return &pipes.DescribePipeOutput{Name: aws.String(name), Arn: aws.String("arn:" + name), Source: aws.String("smk://broker:9092"),
			SourceParameters: &ptypes.PipeSourceParameters{SelfManagedKafkaParameters: &ptypes.PipeSourceSelfManagedKafkaParameters{
				TopicName: aws.String("orders"), Vpc: vpc}}}
	}
	var us []usage.Usage
	for _, p := range []*pipes.DescribePipeOutput{
		pipe("named", &ptypes.SelfManagedKafkaAccessConfigurationVpc{Subnets: []string{"subnet-1"}, SecurityGroup: []string{"sg-x", "sg-def"}}),
		pipe("subnets-only", &ptypes.SelfManagedKafkaAccessConfigurationVpc{Subnets: []string{"subnet-2"}}),
		pipe("web", &ptypes.SelfManagedKafkaAccessConfigurationVpc{Subnets: []string{"subnet-1"}, SecurityGroup: []string{"sg-x"}}),
		pipe("public", nil),
		{Name: aws.String("sqs"), Source: aws.String("arn:aws:sqs:r:1:q")},
	} {
		us = append(us, sourceUsers(svctest.Target, p)...)
	}
	if got := svctest.IDs(us); got != "sg-def:named:latent subnets:subnet-2:subnets-only:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceKind != Pipe || us[0].Change != usage.ChangeInPlace {
		t.Fatalf("%+v", us[0])
	}
}
