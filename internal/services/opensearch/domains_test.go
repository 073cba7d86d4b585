package opensearch

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/opensearch"
	"github.com/aws/aws-sdk-go-v2/service/opensearch/types"
	"github.com/defaultsg/defaultsg/internal/services/svctest"
)

// fakeOpenSearch lists n domains; domain i is in sg-def when i%4 == 3 and
// public when i%4 == 1.
type fakeOpenSearch struct {
	n     int
	calls [][]string
}

func (f *fakeOpenSearch) ListDomainNames(context.Context, *opensearch.ListDomainNamesInput, ...func(*opensearch.Options)) (*opensearch.ListDomainNamesOutput, error) {
	out := &opensearch.ListDomainNamesOutput{}
	for i := range f.n {
		out.DomainNames = append(out.DomainNames, types.DomainInfo{DomainName: aws.String(fmt.Sprint("d", i))})
	}
	return out, nil
}

func (f *fakeOpenSearch) DescribeDomains(_ context.Context, in *opensearch.DescribeDomainsInput, _ ...func(*opensearch.Options)) (*opensearch.DescribeDomainsOutput, error) {
	if len(in.DomainNames) > 5 {
		return nil, svctest.Unexpected("DescribeDomains with more than 5 names")
	}
	f.calls = append(f.calls, in.DomainNames)
	out := &opensearch.DescribeDomainsOutput{}
	for _, name := range in.DomainNames {
		var i int
		fmt.Sscanf(name, "d%d", &i)
		d := types.DomainStatus{DomainName: aws.String(name)}
		switch i % 4 {
		case 1:
		case 3:
			d.VPCOptions = &types.VPCDerivedInfo{VPCId: aws.String("vpc-1"), SecurityGroupIds: []string{"sg-x", "sg-def"}}
		default:
			d.VPCOptions = &types.VPCDerivedInfo{VPCId: aws.String("vpc-1"), SecurityGroupIds: []string{"sg-x"}}
		}
		out.DomainStatusList = append(out.DomainStatusList, d)
	}
	return out, nil
}

func TestOpenSearchDomainsInBatchesOfFive(t *testing.T) {
	f := &fakeOpenSearch{n: 12}
	us, err := findOpenSearchDomains(context.Background(), f, svctest.Target)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.calls) != 3 || len(f.calls[2]) != 2 {
		t.Fatalf("calls %v", f.calls)
	}
	if got := svctest.IDs(us); got != "sg-def:d3:live sg-def:d7:live sg-def:d11:live" {
		t.Fatalf("got %q", got)
	}
}
