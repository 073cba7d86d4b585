package usage_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// TestResultKeepsOnlyGapsAndListsEveryCell: over 3 account-regions × 2
// finders, one of which fails in one region, the result holds only that
// gap, lists all 6 cells in order from its grid, counts them by finder and
// status, and gives each group the verdict of its own account-region.
func TestResultKeepsOnlyGapsAndListsEveryCell(t *testing.T) {
	ok := usage.Finder{Name: "b-ok", Service: "ec2", Find: func(_ context.Context, _ aws.Config, t usage.Target) ([]usage.Usage, error) {
		return []usage.Usage{{GroupID: t.GroupIDs[0], Kind: usage.KindLive, ResourceID: "eni-" + t.Region}}, nil
	}}
	flaky := usage.Finder{Name: "a-flaky", Service: "lambda", Find: func(_ context.Context, _ aws.Config, t usage.Target) ([]usage.Usage, error) {
		if t.Region == "eu-west-1" {
			return nil, errors.New("boom")
		}
		return nil, nil
	}}
	scope := awsx.Scope{Accounts: []awsx.Account{{ID: "111111111111", Regions: []string{"us-east-1", "eu-west-1", "us-west-2"}}}}
	var targets []usage.Target
	for _, r := range []string{"us-west-2", "us-east-1", "eu-west-1"} {
		targets = append(targets, usage.Target{Account: "111111111111", Region: r, GroupIDs: []string{"sg-" + r}})
	}
	res, err := usage.Run(context.Background(), scope, targets, []usage.Finder{ok, flaky}, usage.Options{Concurrency: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Coverage) != 1 || res.Coverage[0].Region != "eu-west-1" || res.Coverage[0].Status != usage.StatusUnknown {
		t.Fatalf("gaps %+v, want only a-flaky in eu-west-1, unknown", res.Coverage)
	}
	var cells []string
	for _, c := range res.Cells() {
		cells = append(cells, c.Region+" "+c.Finder+" "+string(c.Status))
	}
	want := []string{"eu-west-1 a-flaky unknown", "eu-west-1 b-ok checked", "us-east-1 a-flaky checked",
		"us-east-1 b-ok checked", "us-west-2 a-flaky checked", "us-west-2 b-ok checked"}
	if fmt.Sprint(cells) != fmt.Sprint(want) {
		t.Fatalf("cells\n%v\nwant\n%v", cells, want)
	}
	if got := fmt.Sprint(res.Summary()); got != "[{a-flaky 2 0 0 1} {b-ok 3 0 0 0}]" {
		t.Errorf("summary %s", got)
	}
	if v := res.Verdict("111111111111", "eu-west-1", "sg-eu-west-1"); v.State() != "used" || len(v.Gaps) != 1 || len(v.Users) != 1 {
		t.Errorf("eu-west-1: %s, %d gaps, %d users; want used, 1 gap, 1 user", v.State(), len(v.Gaps), len(v.Users))
	}
	if v := res.Verdict("111111111111", "us-east-1", "sg-us-east-1"); len(v.Gaps) != 0 || len(v.Users) != 1 {
		t.Errorf("us-east-1: %d gaps, %d users; want 0 and 1", len(v.Gaps), len(v.Users))
	}
}
