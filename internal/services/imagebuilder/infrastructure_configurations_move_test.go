package imagebuilder

import (
	"context"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/imagebuilder"
	"github.com/aws/aws-sdk-go-v2/service/imagebuilder/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

func fullConfiguration() types.InfrastructureConfiguration {
	return types.InfrastructureConfiguration{
		Arn:                        aws.String("arn:aws:imagebuilder:eu-west-1:111111111111:infrastructure-configuration/builds"),
		Name:                       aws.String("builds"),
		Description:                aws.String("golden images"),
		InstanceProfileName:        aws.String("ImageBuilder"),
		InstanceTypes:              []string{"m5.large", "c5.large"},
		SecurityGroupIds:           []string{"sg-web", "sg-def"},
		SubnetId:                   aws.String("subnet-a"),
		Logging:                    &types.Logging{S3Logs: &types.S3Logs{S3BucketName: aws.String("logs"), S3KeyPrefix: aws.String("ib/")}},
		KeyPair:                    aws.String("ops"),
		TerminateInstanceOnFailure: aws.Bool(false),
		SnsTopicArn:                aws.String("arn:aws:sns:eu-west-1:111111111111:builds"),
		ResourceTags:               map[string]string{"team": "images"},
		InstanceMetadataOptions:    &types.InstanceMetadataOptions{HttpTokens: aws.String("required"), HttpPutResponseHopLimit: aws.Int32(2)},
		Placement:                  &types.Placement{AvailabilityZone: aws.String("eu-west-1a"), Tenancy: types.TenancyTypeDedicated},
		Tags:                       map[string]string{"owner": "ops"},
	}
}

type fakeConfigurations struct {
	conf    types.InfrastructureConfiguration
	updates []*imagebuilder.UpdateInfrastructureConfigurationInput
}

func (f *fakeConfigurations) GetInfrastructureConfiguration(_ context.Context, in *imagebuilder.GetInfrastructureConfigurationInput, _ ...func(*imagebuilder.Options)) (*imagebuilder.GetInfrastructureConfigurationOutput, error) {
	if aws.ToString(in.InfrastructureConfigurationArn) != aws.ToString(f.conf.Arn) {
		return nil, &types.InvalidRequestException{Message: aws.String("no such configuration")}
	}
	c := f.conf
	return &imagebuilder.GetInfrastructureConfigurationOutput{InfrastructureConfiguration: &c}, nil
}

func (f *fakeConfigurations) UpdateInfrastructureConfiguration(_ context.Context, in *imagebuilder.UpdateInfrastructureConfigurationInput, _ ...func(*imagebuilder.Options)) (*imagebuilder.UpdateInfrastructureConfigurationOutput, error) {
	f.updates = append(f.updates, in)
	return &imagebuilder.UpdateInfrastructureConfigurationOutput{}, nil
}

// The configuration is read again and sent back whole, only the groups
// changed.
func TestSetConfigurationSendsEveryFieldBack(t *testing.T) {
	f := &fakeConfigurations{conf: fullConfiguration()}
	r := svc.Resource{Kind: InfrastructureConfiguration, ID: "builds", ARN: aws.ToString(f.conf.Arn)}
	if err := setConfigurationGroups(context.Background(), f, r, []string{"sg-web", "sg-new"}); err != nil {
		t.Fatal(err)
	}
	c := fullConfiguration()
	want := updateInput(&c, []string{"sg-web", "sg-new"})
	if len(f.updates) != 1 || !reflect.DeepEqual(f.updates[0], want) {
		t.Fatalf("sent %+v\nwant %+v", f.updates, want)
	}
	if aws.ToString(f.updates[0].KeyPair) != "ops" || aws.ToBool(f.updates[0].TerminateInstanceOnFailure) {
		t.Fatalf("a field was not sent as read: %+v", f.updates[0])
	}
}

// A field the SDK adds to UpdateInfrastructureConfigurationInput must be
// copied or knowingly left out; this fails when a new one appears, before
// a move drops it.
func TestUpdateInputFieldsAreAllAccountedFor(t *testing.T) {
	c := fullConfiguration()
	in := updateInput(&c, []string{"sg-new"})
	notRead := map[string]bool{"ClientToken": true} // the SDK fills in a fresh one
	v := reflect.ValueOf(*in)
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if f.IsExported() && !notRead[f.Name] && v.Field(i).IsZero() {
			t.Errorf("UpdateInfrastructureConfigurationInput.%s is not copied from the configuration", f.Name)
		}
	}
}
