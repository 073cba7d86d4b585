package cli

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/report"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// TestUsageJSONStreamsTheWholeReport: the report written cell by cell from
// the run's grid is byte for byte the document report.WriteJSON writes for
// the same report with every cell held in memory — schema v1 unchanged.
func TestUsageJSONStreamsTheWholeReport(t *testing.T) {
	used := usage.Finder{Name: "b-used", Service: "ec2", Find: func(_ context.Context, _ aws.Config, t usage.Target) ([]usage.Usage, error) {
		return []usage.Usage{{GroupID: t.GroupIDs[0], Kind: usage.KindLive, ResourceID: "i-1 <&>", Change: usage.ChangeInPlace}}, nil
	}}
	fails := usage.Finder{Name: "a-fails", Service: "lambda", Find: func(_ context.Context, _ aws.Config, t usage.Target) ([]usage.Usage, error) {
		if t.Region == "eu-west-1" {
			return nil, errors.New("boom")
		}
		return nil, nil
	}}
	scope := awsx.Scope{Accounts: []awsx.Account{{ID: "111111111111", Regions: []string{"eu-west-1", "us-east-1"}}}}
	var targets []usage.Target
	for _, r := range []string{"us-east-1", "eu-west-1"} {
		targets = append(targets, usage.Target{Account: "111111111111", Region: r, GroupIDs: []string{"sg-" + r}})
	}
	res, err := usage.Run(context.Background(), scope, targets, []usage.Finder{used, fails}, usage.Options{Concurrency: 4})
	if err != nil {
		t.Fatal(err)
	}
	rep := UsageReport{Schema: "defaultsg.usage/v1", Accepted: []string{}, Problems: []awsx.Problem{}, FallbackAPIs: []string{"ec2:RunInstances"},
		Coverage: res.Coverage, cells: res, Summary: usageSummary{Cells: res.Summary()}}
	for _, tg := range targets {
		v := res.Verdict(tg.Account, tg.Region, tg.GroupIDs[0])
		rep.Groups = append(rep.Groups, usageGroup{Group: inventory.Group{Account: tg.Account, Region: tg.Region, GroupID: tg.GroupIDs[0]},
			State: v.State(), Users: v.Users})
	}
	var got, want bytes.Buffer
	if err := writeUsageJSON(&got, rep); err != nil {
		t.Fatal(err)
	}
	whole := rep
	whole.Coverage = res.Cells()
	if err := report.WriteJSON(&want, whole); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Fatalf("streamed report differs\n--- got\n%s\n--- want\n%s", got.String(), want.String())
	}
	if n := len(res.Cells()); n != 4 {
		t.Errorf("%d cells, want 4", n)
	}
}
