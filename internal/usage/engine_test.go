package usage_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// TestInterruptedRunReturnsWhatWasReadAndNeverUnused: cancelled while one
// finder hangs, Run returns the cells it read with the error, and the cell
// not read is unknown — the group is "usage unknown", never "unused".
func TestInterruptedRunReturnsWhatWasReadAndNeverUnused(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := usage.Finder{Name: "done", Service: "ec2", Find: func(context.Context, aws.Config, usage.Target) ([]usage.Usage, error) {
		return nil, nil
	}}
	hangs := usage.Finder{Name: "hangs", Service: "lambda", Find: func(ctx context.Context, _ aws.Config, _ usage.Target) ([]usage.Usage, error) {
		cancel()
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	scope := awsx.Scope{Accounts: []awsx.Account{{ID: "111111111111", Regions: []string{"us-east-1"}}}}
	tg := usage.Target{Account: "111111111111", Region: "us-east-1", GroupIDs: []string{"sg-1"}}
	res, err := usage.Run(ctx, scope, []usage.Target{tg}, []usage.Finder{done, hangs}, usage.Options{Concurrency: 1})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	got := map[string]usage.Status{}
	for _, c := range res.Cells() {
		got[c.Finder] = c.Status
	}
	if got["done"] != usage.StatusChecked || got["hangs"] != usage.StatusUnknown {
		t.Fatalf("coverage %v, want done checked, hangs unknown", got)
	}
	if v := res.Verdict("111111111111", "us-east-1", "sg-1"); v.State() != "usage unknown" {
		t.Fatalf("verdict %q, want usage unknown", v.State())
	}
}
