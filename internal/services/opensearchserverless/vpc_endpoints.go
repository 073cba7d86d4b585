package opensearchserverless

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/opensearchserverless"

	"github.com/defaultsg/defaultsg/internal/resource"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// VPCEndpointsAPI is what finding VPC endpoints calls.
type VPCEndpointsAPI interface {
	opensearchserverless.ListVpcEndpointsAPIClient
	BatchGetVpcEndpoint(ctx context.Context, in *opensearchserverless.BatchGetVpcEndpointInput, opts ...func(*opensearchserverless.Options)) (*opensearchserverless.BatchGetVpcEndpointOutput, error)
}

// VPCEndpoints finds OpenSearch Serverless VPC endpoints in a default
// group. ListVpcEndpoints returns no groups: BatchGetVpcEndpoint reads
// them, 100 endpoints a call.
var VPCEndpoints = usage.Finder{
	Name:    "aoss-vpc-endpoints",
	Service: "aoss",
	Reads:   "VPC endpoints' securityGroupIds (ListVpcEndpoints, BatchGetVpcEndpoint)",
	IAM:     []string{"aoss:ListVpcEndpoints", "aoss:BatchGetVpcEndpoint"},
	Kinds:   []resource.Kind{VPCEndpoint},
	Find: func(ctx context.Context, cfg aws.Config, t usage.Target) ([]usage.Usage, error) {
		return findVPCEndpoints(ctx, opensearchserverless.NewFromConfig(cfg), t)
	},
}

// batchGetLimit is BatchGetVpcEndpoint's most ids.
const batchGetLimit = 100

func findVPCEndpoints(ctx context.Context, api VPCEndpointsAPI, t usage.Target) ([]usage.Usage, error) {
	var ids []string
	p := opensearchserverless.NewListVpcEndpointsPaginator(api, &opensearchserverless.ListVpcEndpointsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, s := range page.VpcEndpointSummaries {
			ids = append(ids, aws.ToString(s.Id))
		}
	}
	var out []usage.Usage
	for _, batch := range svc.Chunks(ids, batchGetLimit) {
		res, err := api.BatchGetVpcEndpoint(ctx, &opensearchserverless.BatchGetVpcEndpointInput{Ids: batch})
		if err != nil {
			return out, err
		}
		// An endpoint the batch could not read may hold a default group:
		// never take it for one that does not.
		if len(res.VpcEndpointErrorDetails) > 0 {
			e := res.VpcEndpointErrorDetails[0]
			return out, fmt.Errorf("aoss:BatchGetVpcEndpoint could not read %s: %s %s", aws.ToString(e.Id), aws.ToString(e.ErrorCode), aws.ToString(e.ErrorMessage))
		}
		for _, d := range res.VpcEndpointDetails {
			out = append(out, svc.Users(t, d.SecurityGroupIds, usage.Usage{Kind: usage.KindLive, ResourceKind: VPCEndpoint,
				ResourceID: aws.ToString(d.Id), Detail: aws.ToString(d.Name) + ", " + string(d.Status), Change: usage.ChangeInPlace})...)
		}
	}
	return out, nil
}
