package cli

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iostreams"
)

// errNoAWS fails any test that reaches AWS: flag tests never should.
var errNoAWS = errors.New("test reached AWS")

func testFactory() *Factory {
	ios, _, _, _ := iostreams.Test()
	return &Factory{IO: ios, Global: &GlobalOptions{}, Now: func() time.Time { return time.Unix(0, 0) },
		AWSConfig: func(context.Context) (aws.Config, error) { return aws.Config{}, errNoAWS }}
}

// parseCmd runs args through the real root with sub (built on f with a runF
// that captures its options) in place of the command of the same name, and
// returns the exit code. The run itself never happens.
func parseCmd(t *testing.T, f *Factory, sub *cobra.Command, args ...string) int {
	t.Helper()
	root := NewRootCmd(f)
	for _, c := range root.Commands() {
		if c.Name() == sub.Name() {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(sub)
	root.SetArgs(args)
	_, _, out, errOut := iostreams.Test()
	root.SetOut(out)
	root.SetErr(errOut)
	return exitcode.Of(root.ExecuteContext(context.Background()))
}

// capture returns a runF that stores its options in *dst.
func capture[T any](dst **T) func(*T) error {
	return func(o *T) error { *dst = o; return nil }
}

// strip clears the injected dependencies so options compare as flags only.
func strip[T any](o *T) T {
	v := reflect.ValueOf(o).Elem()
	out := reflect.New(v.Type()).Elem()
	out.Set(v)
	for i := 0; i < v.NumField(); i++ {
		switch out.Field(i).Kind() {
		case reflect.Func, reflect.Interface, reflect.Pointer, reflect.Struct:
			out.Field(i).Set(reflect.Zero(out.Field(i).Type()))
		}
	}
	return out.Interface().(T)
}

func TestAuditFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want AuditOptions
		code int
	}{
		{[]string{"audit"}, AuditOptions{Output: "table"}, 0},
		{[]string{"audit", "-o", "json", "--vpc-ids", "vpc-1,vpc-2", "--group-ids", "sg-1"}, AuditOptions{Output: "json", VpcIDs: []string{"vpc-1", "vpc-2"}, GroupIDs: []string{"sg-1"}}, 0},
		{[]string{"audit", "extra"}, AuditOptions{}, exitcode.Usage},
		{[]string{"audit", "--nope"}, AuditOptions{}, exitcode.Usage},
	} {
		f := testFactory()
		var got *AuditOptions
		code := parseCmd(t, f, NewCmdAudit(f, capture(&got)), tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d", tc.args, code, tc.code)
			continue
		}
		if code != 0 {
			continue
		}
		if got.IO != f.IO || got.Scope == nil || got.Now == nil {
			t.Errorf("%v: dependencies not injected: %+v", tc.args, got)
		}
		if s := strip(got); !reflect.DeepEqual(s, tc.want) {
			t.Errorf("%v:\n got %+v\nwant %+v", tc.args, s, tc.want)
		}
	}
}

func TestUsageFlags(t *testing.T) {
	f := testFactory()
	var got *UsageOptions
	code := parseCmd(t, f, NewCmdUsage(f, capture(&got)), "usage", "-o", "csv", "--accept-unknown", "emr-clusters,glue-connections", "--list-finders", "--vpc-ids", "vpc-1")
	want := UsageOptions{Output: "csv", AcceptUnknown: []string{"emr-clusters", "glue-connections"}, ListFinders: true, VpcIDs: []string{"vpc-1"}}
	if code != 0 || !reflect.DeepEqual(strip(got), want) || got.IO == nil || got.Scope == nil {
		t.Errorf("exit %d\n got %+v\nwant %+v", code, strip(got), want)
	}
}

func TestCloseFlags(t *testing.T) {
	f := testFactory()
	var got *CloseOptions
	code := parseCmd(t, f, NewCmdClose(f, capture(&got)), "close", "-y", "--dry-run", "--force", "--backup", "b.json", "--accept-unknown", "emr-clusters", "--group-ids", "sg-1", "-o", "markdown")
	want := CloseOptions{Output: "markdown", Yes: true, DryRun: true, Force: true, Backup: "b.json", AcceptUnknown: []string{"emr-clusters"}, GroupIDs: []string{"sg-1"}}
	if code != 0 || !reflect.DeepEqual(strip(got), want) || got.Prompter == nil || got.Scope == nil || got.Now == nil {
		t.Errorf("exit %d\n got %+v\nwant %+v", code, strip(got), want)
	}
	var none *CloseOptions
	if code := parseCmd(t, f, NewCmdClose(f, capture(&none)), "close", "backup.json"); code != exitcode.Usage || none != nil {
		t.Errorf("close with an argument: exit %d, ran %v", code, none != nil)
	}
}

func TestRestoreFlags(t *testing.T) {
	f := testFactory()
	var got *RestoreOptions
	code := parseCmd(t, f, NewCmdRestore(f, capture(&got)), "--regions", "eu-west-1,us-east-1", "--concurrency", "4", "restore", "b.json", "--yes", "--dry-run", "--force", "-o", "json")
	want := RestoreOptions{Path: "b.json", Output: "json", Yes: true, DryRun: true, Force: true, Regions: []string{"eu-west-1", "us-east-1"}, Concurrency: 4}
	if code != 0 || !reflect.DeepEqual(strip(got), want) || got.AWSConfig == nil || got.Prompter == nil {
		t.Errorf("exit %d\n got %+v\nwant %+v", code, strip(got), want)
	}
	f = testFactory()
	got = nil
	if code := parseCmd(t, f, NewCmdRestore(f, capture(&got)), "--profiles", "a,b", "restore", "b.json"); code != 0 || !got.MultiAccount {
		t.Errorf("--profiles: exit %d, options %+v", code, got)
	}
	if code := parseCmd(t, f, NewCmdRestore(f, capture(&got)), "restore"); code != exitcode.Usage {
		t.Errorf("restore without a file: exit %d", code)
	}
}

func TestPlanFlags(t *testing.T) {
	f := testFactory()
	var got *PlanOptions
	code := parseCmd(t, f, NewCmdPlan(f, capture(&got)), "--regions", "eu-west-1", "plan", "--out", "p.json", "-o", "terraform",
		"--iac-scan", "s.json", "--name-template", "{vpc}-x", "--tags", "team=net,env=prod", "--accept-unknown", "emr-clusters")
	want := PlanOptions{Regions: []string{"eu-west-1"}, Out: "p.json", Output: "terraform", IaCScan: "s.json", NameTemplate: "{vpc}-x",
		Tags: map[string]string{"team": "net", "env": "prod"}, AcceptUnknown: []string{"emr-clusters"}}
	if code != 0 || !reflect.DeepEqual(strip(got), want) {
		t.Errorf("exit %d\n got %+v\nwant %+v", code, strip(got), want)
	}
}

func TestApplyFlags(t *testing.T) {
	f := testFactory()
	var got *ApplyOptions
	code := parseCmd(t, f, NewCmdApply(f, capture(&got)), "apply", "p.json", "-y", "--dry-run", "--journal", "j", "--wait", "1m", "--poll", "2s", "-o", "json")
	want := ApplyOptions{Plan: "p.json", Yes: true, DryRun: true, Journal: "j", Wait: time.Minute, Poll: 2 * time.Second, Output: "json"}
	if code != 0 || !reflect.DeepEqual(strip(got), want) || got.Prompter == nil {
		t.Errorf("exit %d\n got %+v\nwant %+v", code, strip(got), want)
	}
	if code := parseCmd(t, f, NewCmdApply(f, capture(&got)), "apply"); code != exitcode.Usage {
		t.Errorf("apply without a plan: exit %d", code)
	}
}

func TestRollbackFlags(t *testing.T) {
	f := testFactory()
	var got *RollbackOptions
	code := parseCmd(t, f, NewCmdRollback(f, capture(&got)), "rollback", "p.json.journal", "--plan", "p.json", "--yes", "--wait", "0s", "--poll", "1s")
	want := RollbackOptions{Journal: "p.json.journal", Plan: "p.json", Output: "table", Yes: true, Poll: time.Second}
	if code != 0 || !reflect.DeepEqual(strip(got), want) || got.Prompter == nil || got.Scope == nil {
		t.Errorf("exit %d\n got %+v\nwant %+v", code, strip(got), want)
	}
}

func TestVerifyFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want VerifyOptions
	}{
		{[]string{"verify", "p.json"}, VerifyOptions{Plan: "p.json", Output: "table"}},
		{[]string{"verify", "p.json", "--journal", "j", "--config"}, VerifyOptions{Plan: "p.json", Output: "table", Journal: "j", ConfigRule: "vpc-default-security-group-closed"}},
		{[]string{"verify", "p.json", "--config", "--config-rule", "mine"}, VerifyOptions{Plan: "p.json", Output: "table", ConfigRule: "mine"}},
		// --config-rule alone names the rule but does not turn the check on.
		{[]string{"verify", "p.json", "--config-rule", "mine"}, VerifyOptions{Plan: "p.json", Output: "table"}},
	} {
		f := testFactory()
		var got *VerifyOptions
		code := parseCmd(t, f, NewCmdVerify(f, capture(&got)), tc.args...)
		if code != 0 || !reflect.DeepEqual(strip(got), tc.want) || got.Reader.Targets == nil {
			t.Errorf("%v: exit %d\n got %+v\nwant %+v", tc.args, code, strip(got), tc.want)
		}
	}
}

func TestSmallCommandFlags(t *testing.T) {
	f := testFactory()
	var iam *IAMPolicyOptions
	if code := parseCmd(t, f, NewCmdIAMPolicy(f, capture(&iam)), "iam-policy", "--for", "close"); code != 0 || iam.For != "close" {
		t.Errorf("iam-policy: exit %d %+v", code, iam)
	}
	var sc *ScanOptions
	if code := parseCmd(t, f, NewCmdScan(f, capture(&sc)), "scan", "a", "b", "-o", "sarif", "--fail-on", "high", "--exclude", "x/**", "--max-file-size", "10"); code != 0 ||
		!reflect.DeepEqual(strip(sc), ScanOptions{Paths: []string{"a", "b"}, Output: "sarif", FailOn: "high", Excludes: []string{"x/**"}, MaxFileSize: 10}) {
		t.Errorf("scan: exit %d %+v", code, sc)
	}
	if code := parseCmd(t, f, NewCmdScan(f, capture(&sc)), "scan"); code != 0 || !reflect.DeepEqual(sc.Paths, []string{"."}) {
		t.Errorf("scan defaults to .: %+v", sc.Paths)
	}
	var sim *SimOptions
	if code := parseCmd(t, f, NewCmdSim(f, capture(&sim)), "sim", "--listen", "127.0.0.1:0", "--throttle-rate", "0.5", "--seed", "7", "--log"); code != 0 ||
		!sim.FaultsChanged || sim.ThrottleRate != 0.5 || sim.Seed != 7 || !sim.Log || sim.Listen != "127.0.0.1:0" {
		t.Errorf("sim: exit %d %+v", code, sim)
	}
	if code := parseCmd(t, f, NewCmdSim(f, capture(&sim)), "sim", "--seed", "3"); code != 0 || sim.FaultsChanged {
		t.Errorf("sim: --seed alone keeps the scenario's faults: %+v", sim)
	}
	var demo *DemoOptions
	if code := parseCmd(t, f, NewCmdDemo(f, capture(&demo)), "demo", "--keep"); code != 0 || !demo.Keep || demo.IO != f.IO {
		t.Errorf("demo: exit %d %+v", code, demo)
	}
	var ver *VersionOptions
	if code := parseCmd(t, f, NewCmdVersion(f, capture(&ver)), "version"); code != 0 || ver.IO != f.IO {
		t.Errorf("version: exit %d", code)
	}
}

// TestOutputFlags: -o/--output is the format and --out the file in every
// command that prints a report; an unknown format is a usage error before
// anything is read, and a file name given to -o says to use --out.
func TestOutputFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"audit", "-o", "yaml"}, exitcode.Usage, `unknown output format "yaml" (want one of table, json, csv, markdown)`},
		{[]string{"usage", "--output", "xml"}, exitcode.Usage, "unknown output format"},
		{[]string{"close", "-o", "sarif"}, exitcode.Usage, "unknown output format"},
		{[]string{"restore", "b.json", "-o", "x"}, exitcode.Usage, "unknown output format"},
		{[]string{"apply", "p.json", "-o", "x"}, exitcode.Usage, "unknown output format"},
		{[]string{"rollback", "p.json.journal", "-o", "x"}, exitcode.Usage, "unknown output format"},
		{[]string{"verify", "p.json", "-o", "csv"}, exitcode.Usage, "(want one of table, json, markdown)"},
		{[]string{"scan", "-o", "markdown"}, exitcode.Usage, "(want one of text, json, sarif)"},
		// Before, plan -o json silently wrote a plan file named "json".
		{[]string{"plan", "-o", "plan.json"}, exitcode.Usage, "to write to a file use --out plan.json"},
		{[]string{"plan", "-o", "yaml"}, exitcode.Usage, "(want one of text, json, cloudformation, terraform)"},
		{[]string{"plan", "--format", "json", "-o", "json"}, exitcode.Usage, "--format is the old name of -o/--output"},
		// Valid formats get past the check and stop at the (absent) AWS.
		{[]string{"plan", "-o", "json", "--out", "p.json"}, exitcode.Error, errNoAWS.Error()},
		{[]string{"audit", "-o", "csv", "--out", "a.csv"}, exitcode.Error, errNoAWS.Error()},
	} {
		f := testFactory()
		code := Execute(context.Background(), f, tc.args)
		stderr := f.IO.ErrOut.(interface{ String() string }).String()
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d, want %d with %q; stderr:\n%s", tc.args, code, tc.code, tc.msg, stderr)
		}
	}
}

func TestPlanLegacyFormatFlag(t *testing.T) {
	f := testFactory()
	var got *PlanOptions
	if code := parseCmd(t, f, NewCmdPlan(f, capture(&got)), "plan", "--format", "terraform"); code != 0 || got.Output != "terraform" {
		t.Errorf("--format terraform: exit %d, output %q", code, got.Output)
	}
}
