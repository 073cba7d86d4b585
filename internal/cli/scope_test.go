package cli

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/plan"
	"github.com/defaultsg/defaultsg/internal/sim"
	"github.com/defaultsg/defaultsg/internal/sim/simtest"
)

// simFactory runs commands in process against the simulator's standard
// scenario: one account, a default VPC in every standard region.
func simFactory(t *testing.T) (*Factory, *iostreams.IOStreams, string) {
	t.Helper()
	sc := sim.DefaultScenario()
	srv, url := simtest.Start(t, sc)
	cfg := awsx.StaticConfig(url, "us-east-1", srv.AccessKeyFor(sc.Accounts()[0]), "x")
	ios, _, _, _ := iostreams.Test()
	f := &Factory{IO: ios, Global: &GlobalOptions{}, Now: func() time.Time { return time.Unix(0, 0) },
		AWSConfig: func(context.Context) (aws.Config, error) { return cfg, nil }}
	return f, ios, sc.Accounts()[0]
}

func out(ios *iostreams.IOStreams) string { return ios.Out.(interface{ String() string }).String() }
func errOut(ios *iostreams.IOStreams) string {
	return ios.ErrOut.(interface{ String() string }).String()
}

func auditRegions(t *testing.T, args ...string) ([]string, int, string) {
	t.Helper()
	f, ios, _ := simFactory(t)
	code := Execute(context.Background(), f, append(args, "audit", "-o", "json"))
	var rep struct {
		Groups []struct {
			Region string `json:"region"`
		} `json:"groups"`
	}
	if code == exitcode.Usage {
		return nil, code, errOut(ios)
	}
	if err := json.Unmarshal([]byte(out(ios)), &rep); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, errOut(ios))
	}
	var regions []string
	for _, g := range rep.Groups {
		regions = append(regions, g.Region)
	}
	return regions, code, errOut(ios)
}

func TestRegionScopesTheRun(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
		code int
	}{
		// As in the AWS CLI, --region alone means "act here".
		{[]string{"--region", "eu-west-1"}, "eu-west-1", exitcode.NonCompliant},
		{[]string{"--regions", "eu-west-1,ap-south-1"}, "ap-south-1 eu-west-1", exitcode.NonCompliant},
		{[]string{"--region", "eu-west-1", "--regions", "eu-west-1,ap-south-1"}, "ap-south-1 eu-west-1", exitcode.NonCompliant},
		{[]string{"--region", "us-east-1", "--regions", "eu-west-1,ap-south-1"}, "", exitcode.Usage},
	} {
		regions, code, stderr := auditRegions(t, tc.args...)
		if code != tc.code || strings.Join(regions, " ") != tc.want {
			t.Errorf("%v: exit %d regions %q, want %d %q\n%s", tc.args, code, strings.Join(regions, " "), tc.code, tc.want, stderr)
		}
		if tc.code == exitcode.Usage && !strings.Contains(stderr, "--region us-east-1 is not among --regions") {
			t.Errorf("%v: stderr %q", tc.args, stderr)
		}
	}
	if regions, _, _ := auditRegions(t); len(regions) < 10 {
		t.Errorf("without --region or --regions every enabled region is audited, got %v", regions)
	}
}

func TestClosePromptNamesAccountsAndRegions(t *testing.T) {
	f, ios, account := simFactory(t)
	ios.SetTTY(true)
	ios.In.(interface{ WriteString(string) (int, error) }).WriteString("n\n")
	code := Execute(context.Background(), f, []string{"--region", "eu-west-1", "close"})
	stderr := errOut(ios)
	want := "in account " + account + "; region eu-west-1? [y/N]"
	if code != exitcode.Cancelled || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want %d and a prompt with %q:\n%s", code, exitcode.Cancelled, want, stderr)
	}
	if strings.Contains(stderr, "us-east-1") {
		t.Errorf("--region eu-west-1 close named another region:\n%s", stderr)
	}
}

func TestScopeDescribe(t *testing.T) {
	var s Scope
	for _, u := range [][2]string{{"1", "us-east-1"}, {"1", "eu-west-1"}, {"2", "us-east-1"}, {"1", "us-east-1"}} {
		s.Accounts = appendUnit(s.Accounts, u[0], u[1])
	}
	if got, want := s.Describe(), "accounts 1, 2; regions us-east-1, eu-west-1"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := (Scope{}).Describe(); got != "accounts none; regions none" {
		t.Errorf("empty: %q", got)
	}
}

func TestOutWritesTheReportToAFile(t *testing.T) {
	f, ios, _ := simFactory(t)
	file := t.TempDir() + "/audit.json"
	code := Execute(context.Background(), f, []string{"--region", "eu-west-1", "audit", "-o", "json", "--out", file})
	var rep struct {
		Schema string `json:"schema"`
	}
	b, err := os.ReadFile(file)
	if err != nil || json.Unmarshal(b, &rep) != nil || rep.Schema != "defaultsg.audit/v1" {
		t.Fatalf("exit %d, file %q (%v)\nstderr:\n%s", code, b, err, errOut(ios))
	}
	if code != exitcode.NonCompliant || out(ios) != "" {
		t.Errorf("exit %d, stdout %q: the report goes to the file only, the exit code is unchanged", code, out(ios))
	}
}

func TestRestorePromptNamesAccountsAndRegions(t *testing.T) {
	f, ios, account := simFactory(t)
	file := t.TempDir() + "/b.json"
	if code := Execute(context.Background(), f, []string{"--region", "eu-west-1", "close", "--yes", "--backup", file}); code != 0 {
		t.Fatalf("close: exit %d\n%s", code, errOut(ios))
	}
	f2 := &Factory{IO: ios, Global: &GlobalOptions{}, Now: f.Now, AWSConfig: f.AWSConfig}
	ios.SetTTY(true)
	ios.In.(interface{ WriteString(string) (int, error) }).WriteString("n\n")
	code := Execute(context.Background(), f2, []string{"restore", file})
	want := "rules in account " + account + "; region eu-west-1? [y/N]"
	if code != exitcode.Cancelled || !strings.Contains(errOut(ios), want) {
		t.Errorf("exit %d, want a prompt with %q:\n%s", code, want, errOut(ios))
	}
}

func TestPlanTouches(t *testing.T) {
	p := &plan.Plan{
		Replacements:   []plan.Replacement{{Account: "1", Region: "eu-west-1"}},
		ReferenceRules: []plan.RefRule{{Account: "2", Region: "us-east-1"}},
		Moves:          []plan.Move{{Account: "1", Region: "eu-west-1"}, {Account: "1", Region: "ap-south-1"}},
	}
	if got, want := planTouches(p).Describe(), "accounts 1, 2; regions eu-west-1, ap-south-1, us-east-1"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPlanRegions(t *testing.T) {
	two := &plan.Plan{Regions: []string{"us-east-1", "eu-west-1"}}
	all := &plan.Plan{}
	for _, tc := range []struct {
		p     *plan.Plan
		flags []string
		whole bool
		want  string
		usage bool
	}{
		{two, nil, true, "us-east-1 eu-west-1", false},
		{two, []string{"eu-west-1", "us-east-1"}, true, "eu-west-1 us-east-1", false},
		{two, []string{"eu-west-1"}, true, "", true}, // apply/rollback: the whole plan or nothing
		{two, []string{"eu-west-1"}, false, "eu-west-1", false},
		{two, []string{"ap-south-1"}, false, "", true},
		{all, nil, true, "", false},
		{all, []string{"eu-west-1"}, true, "", true},
		{all, []string{"eu-west-1"}, false, "eu-west-1", false},
	} {
		got, err := planRegions(tc.p, tc.flags, tc.whole)
		if (exitcode.Of(err) == exitcode.Usage) != tc.usage || strings.Join(got, " ") != tc.want {
			t.Errorf("plan %v flags %v whole %t: %v, %v", tc.p.Regions, tc.flags, tc.whole, got, err)
		}
	}
}
