package lambda

import (
	"context"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

type fakeMappingAPI struct {
	access []types.SourceAccessConfiguration
	sent   [][]types.SourceAccessConfiguration
}

func (f *fakeMappingAPI) GetEventSourceMapping(_ context.Context, in *lambda.GetEventSourceMappingInput, _ ...func(*lambda.Options)) (*lambda.GetEventSourceMappingOutput, error) {
	return &lambda.GetEventSourceMappingOutput{UUID: in.UUID, SourceAccessConfigurations: f.access}, nil
}

func (f *fakeMappingAPI) UpdateEventSourceMapping(_ context.Context, in *lambda.UpdateEventSourceMappingInput, _ ...func(*lambda.Options)) (*lambda.UpdateEventSourceMappingOutput, error) {
	f.sent = append(f.sent, in.SourceAccessConfigurations)
	f.access = in.SourceAccessConfigurations
	return &lambda.UpdateEventSourceMappingOutput{}, nil
}

func access(kv ...string) []types.SourceAccessConfiguration {
	var out []types.SourceAccessConfiguration
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, types.SourceAccessConfiguration{Type: types.SourceAccessType(kv[i]), URI: aws.String(kv[i+1])})
	}
	return out
}

// The whole list goes back as read just before the call (the secret and the
// subnets, in their order), only the group entries replaced where they stood.
func TestSetMappingGroupsSendsEveryEntryBack(t *testing.T) {
	const secret = "arn:aws:secretsmanager:us-east-1:111111111111:secret:kafka"
	for _, c := range []struct {
		name         string
		before, want []types.SourceAccessConfiguration
		groups       []string
	}{
		{"swap", access("SASL_SCRAM_512_AUTH", secret, "VPC_SECURITY_GROUP", "security_group:sg-def", "VPC_SUBNET", "subnet:subnet-a", "VPC_SECURITY_GROUP", "security_group:sg-web"),
			access("SASL_SCRAM_512_AUTH", secret, "VPC_SECURITY_GROUP", "security_group:sg-new", "VPC_SECURITY_GROUP", "security_group:sg-web", "VPC_SUBNET", "subnet:subnet-a"),
			[]string{"sg-new", "sg-web"}},
		{"fill a mapping naming no group", access("VPC_SUBNET", "subnet:subnet-a", "BASIC_AUTH", secret),
			access("VPC_SUBNET", "subnet:subnet-a", "BASIC_AUTH", secret, "VPC_SECURITY_GROUP", "security_group:sg-new"),
			[]string{"sg-new"}},
		{"restore no group", access("VPC_SUBNET", "subnet:subnet-a", "VPC_SECURITY_GROUP", "security_group:sg-new", "BASIC_AUTH", secret),
			access("VPC_SUBNET", "subnet:subnet-a", "BASIC_AUTH", secret),
			[]string{}},
	} {
		f := &fakeMappingAPI{access: c.before}
		if err := setMappingGroups(context.Background(), f, "uuid", c.groups); err != nil {
			t.Fatal(err)
		}
		if len(f.sent) != 1 || !reflect.DeepEqual(f.sent[0], c.want) {
			t.Errorf("%s: sent %+v, want %+v", c.name, f.sent, c.want)
		}
	}
}
