package opensearchserverless

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/opensearchserverless"
	"github.com/aws/aws-sdk-go-v2/service/opensearchserverless/types"

	"github.com/defaultsg/defaultsg/internal/services/svctest"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// fakeAOSS lists one endpoint a page and answers BatchGetVpcEndpoint from
// details; ids in failed come back as error details.
type fakeAOSS struct {
	details []types.VpcEndpointDetail
	failed  map[string]bool
	batches [][]string
}

func (f *fakeAOSS) ListVpcEndpoints(_ context.Context, in *opensearchserverless.ListVpcEndpointsInput, _ ...func(*opensearchserverless.Options)) (*opensearchserverless.ListVpcEndpointsOutput, error) {
	i := len(aws.ToString(in.NextToken))
	out := &opensearchserverless.ListVpcEndpointsOutput{VpcEndpointSummaries: []types.VpcEndpointSummary{{Id: f.details[i].Id}}}
	if i+1 < len(f.details) {
		out.NextToken = aws.String(aws.ToString(in.NextToken) + "n")
	}
	return out, nil
}

func (f *fakeAOSS) BatchGetVpcEndpoint(_ context.Context, in *opensearchserverless.BatchGetVpcEndpointInput, _ ...func(*opensearchserverless.Options)) (*opensearchserverless.BatchGetVpcEndpointOutput, error) {
	f.batches = append(f.batches, in.Ids)
	out := &opensearchserverless.BatchGetVpcEndpointOutput{}
	for _, d := range f.details {
		for _, id := range in.Ids {
			switch {
			case aws.ToString(d.Id) != id:
			case f.failed[id]:
				out.VpcEndpointErrorDetails = append(out.VpcEndpointErrorDetails, types.VpcEndpointErrorDetail{Id: d.Id, ErrorCode: aws.String("InternalServerException")})
			default:
				out.VpcEndpointDetails = append(out.VpcEndpointDetails, d)
			}
		}
	}
	return out, nil
}

func endpoint(id string, groups ...string) types.VpcEndpointDetail {
	return types.VpcEndpointDetail{Id: aws.String(id), Name: aws.String(id + "-name"), Status: types.VpcEndpointStatusActive, SecurityGroupIds: groups}
}

func TestVPCEndpointsAcrossPagesInOneBatch(t *testing.T) {
	f := &fakeAOSS{details: []types.VpcEndpointDetail{endpoint("vpce-1", "sg-app", "sg-def"), endpoint("vpce-2", "sg-app"), endpoint("vpce-3", "sg-def2")}}
	us, err := findVPCEndpoints(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if got := svctest.IDs(us); got != "sg-def:vpce-1:live sg-def2:vpce-3:live" || len(f.batches) != 1 {
		t.Fatalf("got %s in %d batches", got, len(f.batches))
	}
	if us[0].ResourceKind != VPCEndpoint || us[0].Change != usage.ChangeInPlace || us[0].Detail != "vpce-1-name, ACTIVE" {
		t.Fatalf("vpce-1: %+v", us[0])
	}
}

func TestVPCEndpointsUnreadableIsAnError(t *testing.T) {
	f := &fakeAOSS{details: []types.VpcEndpointDetail{endpoint("vpce-1", "sg-app"), endpoint("vpce-2", "sg-def")}, failed: map[string]bool{"vpce-2": true}}
	if _, err := findVPCEndpoints(context.Background(), f, svctest.Target); err == nil || !strings.Contains(err.Error(), "vpce-2") {
		t.Fatalf("got %v", err)
	}
}
