package e2e

import (
	"strings"
	"testing"
)

// An empty list, or an id that matches nothing, is a usage error (exit 2)
// naming it: never "every region", never "checked nothing, compliant".
func TestScopeThatMeansEverythingOrNothingIsAUsageError(t *testing.T) {
	ep := startSim(t, roundTripScenario)
	cases := []struct {
		args  []string
		names string
	}{
		{[]string{"audit", "--regions", ""}, "--regions"},
		{[]string{"audit", "--regions", ","}, "--regions"},
		{[]string{"close", "--yes", "--regions", " , "}, "--regions"},
		{[]string{"restore", "--yes", "--regions", "", "backup.json"}, "--regions"},
		{[]string{"audit", "--vpc-ids", ""}, "--vpc-ids"},
		{[]string{"close", "--yes", "--group-ids", ","}, "--group-ids"},
		{[]string{"audit", "--vpc-ids", "vpc-0typo000000000000"}, "vpc-0typo000000000000"},
		{[]string{"close", "--yes", "--group-ids", "sg-0typo000000000000"}, "sg-0typo000000000000"},
		{[]string{"usage", "--group-ids", "sg-0typo000000000000"}, "sg-0typo000000000000"},
		{[]string{"plan", "--vpc-ids", "vpc-0typo000000000000"}, "vpc-0typo000000000000"},
	}
	for _, c := range cases {
		ep.Sim.ResetCalls()
		r := run(t, ep, "", nil, c.args...)
		if r.Code != 2 || !strings.Contains(r.Stderr, c.names) {
			t.Errorf("%q: exit %d, want 2 naming %s\n%s", c.args, r.Code, c.names, r.Stderr)
		}
		for _, call := range ep.Sim.Calls() {
			if call.Mutating {
				t.Errorf("%q changed AWS: %+v", c.args, call)
			}
		}
	}
	// A real id among them still works, and a blank entry next to it is dropped.
	rep, _ := auditJSON(t, ep, "--regions", "eu-west-1,")
	if len(rep.Groups) == 0 {
		t.Fatal("--regions eu-west-1, read nothing")
	}
	if _, r := auditJSON(t, ep, "--group-ids", rep.Groups[0].GroupID+","); r.Code == 2 {
		t.Fatalf("an existing group id was refused:\n%s", r.Stderr)
	}
}

func TestOrgAccountsNotInTheOrganizationIsAUsageError(t *testing.T) {
	ep := startSim(t, orgScenario)
	for _, args := range [][]string{
		{"audit", "--org", "--accounts", "123"},
		{"audit", "--org", "--accounts", "222222222222,999999999999"},
		{"audit", "--org", "--ou", "ou-test-11111111", "--accounts", "111111111111"},
		{"audit", "--org", "--accounts", ""},
	} {
		r := run(t, ep, "", nil, args...)
		want := args[len(args)-1]
		if i := strings.LastIndex(want, ","); i >= 0 {
			want = want[i+1:]
		}
		if want == "" {
			want = "--accounts"
		}
		if r.Code != 2 || !strings.Contains(r.Stderr, want) {
			t.Errorf("%q: exit %d, want 2 naming %s\n%s", args, r.Code, want, r.Stderr)
		}
	}
}
