package lambda

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeMappings serves one mapping a page.
type fakeMappings []types.EventSourceMappingConfiguration

func (f fakeMappings) ListEventSourceMappings(_ context.Context, in *lambda.ListEventSourceMappingsInput, _ ...func(*lambda.Options)) (*lambda.ListEventSourceMappingsOutput, error) {
	i := len(aws.ToString(in.Marker))
	out := &lambda.ListEventSourceMappingsOutput{EventSourceMappings: f[i : i+1]}
	if i+1 < len(f) {
		out.NextMarker = aws.String(aws.ToString(in.Marker) + "n")
	}
	return out, nil
}

func mapping(id string, access ...string) types.EventSourceMappingConfiguration {
	m := types.EventSourceMappingConfiguration{UUID: aws.String(id), EventSourceMappingArn: aws.String("arn:" + id),
		FunctionArn: aws.String("arn:fn"), State: aws.String("Enabled")}
	for i := 0; i+1 < len(access); i += 2 {
		m.SourceAccessConfigurations = append(m.SourceAccessConfigurations,
			types.SourceAccessConfiguration{Type: types.SourceAccessType(access[i]), URI: aws.String(access[i+1])})
	}
	return m
}

func TestEventSourceMappingsSelfManagedKafkaVPC(t *testing.T) {
	us, err := findEventSourceMappings(context.Background(), fakeMappings{
		mapping("named", "VPC_SUBNET", "subnet:subnet-1", "VPC_SECURITY_GROUP", "security_group:sg-x",
			"VPC_SECURITY_GROUP", "security_group:sg-def", "SASL_SCRAM_512_AUTH", "arn:secret"),
		mapping("subnets-only", "VPC_SUBNET", "subnet:subnet-2"),
		mapping("web", "VPC_SUBNET", "subnet:subnet-1", "VPC_SECURITY_GROUP", "security_group:sg-x"),
		mapping("sqs"),
		mapping("mq", "BASIC_AUTH", "arn:secret", "VIRTUAL_HOST", "/"),
	}, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:named:latent subnets:subnet-2:subnets-only:latent" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceKind != EventSourceMapping || us[0].Change != usage.ChangeInPlace || us[0].ARN != "arn:named" {
		t.Fatalf("named: %+v", us[0])
	}
}
