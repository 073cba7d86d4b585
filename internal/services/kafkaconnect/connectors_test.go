package kafkaconnect

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kafkaconnect"
	"github.com/aws/aws-sdk-go-v2/service/kafkaconnect/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeConnectors serves one connector a page.
type fakeConnectors []types.ConnectorSummary

func (f fakeConnectors) ListConnectors(_ context.Context, in *kafkaconnect.ListConnectorsInput, _ ...func(*kafkaconnect.Options)) (*kafkaconnect.ListConnectorsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &kafkaconnect.ListConnectorsOutput{Connectors: f[i : i+1]}
	if i+1 < len(f) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func connector(name string, state types.ConnectorState, subnets []string, groups ...string) types.ConnectorSummary {
	return types.ConnectorSummary{ConnectorName: aws.String(name), ConnectorArn: aws.String("arn:" + name), ConnectorState: state,
		KafkaCluster: &types.KafkaClusterDescription{ApacheKafkaCluster: &types.ApacheKafkaClusterDescription{
			Vpc: &types.VpcDescription{Subnets: subnets, SecurityGroups: groups}}}}
}

func TestConnectorsNamedNoGroupAndStates(t *testing.T) {
	us, err := findConnectors(context.Background(), fakeConnectors{
		connector("running", types.ConnectorStateRunning, []string{"subnet-1"}, "sg-x", "sg-def"),
		connector("failed", types.ConnectorStateFailed, []string{"subnet-1"}, "sg-def2"),
		connector("web", types.ConnectorStateRunning, []string{"subnet-1"}, "sg-x"),
		connector("subnets-only", types.ConnectorStateRunning, []string{"subnet-2"}),
		connector("deleting", types.ConnectorStateDeleting, []string{"subnet-1"}, "sg-def"),
	}, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:running:live sg-def2:failed:latent subnets:subnet-2:subnets-only:live" {
		t.Fatalf("got %s", got)
	}
	if us[0].ResourceKind != Connector || us[0].Change != usage.ChangeReplacement || us[0].ARN != "arn:running" {
		t.Fatalf("running: %+v", us[0])
	}
}
