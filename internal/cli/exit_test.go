package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/buildinfo"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/restore"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// execute runs args through the real command tree on test streams.
func execute(f *Factory, args ...string) (code int, stdout, stderr string) {
	code = Execute(context.Background(), f, args)
	return code, f.IO.Out.(fmt.Stringer).String(), f.IO.ErrOut.(fmt.Stringer).String()
}

// argsOf are, per command, arguments it accepts (for the help and
// usage-error checks).
var argsOf = map[string][]string{"restore": {"b.json"}, "apply": {"p.json"}, "verify": {"p.json"}, "rollback": {"p.json.journal"}}

func TestEveryCommandDocumentsExitCodesAndExitsTwoOnUsageErrors(t *testing.T) {
	for _, c := range NewRootCmd(testFactory()).Commands() {
		name := c.Name()
		if name == "help" || name == "completion" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			code, stdout, _ := execute(testFactory(), name, "--help")
			if code != exitcode.OK {
				t.Errorf("--help exit %d", code)
			}
			if c.Example == "" || !strings.Contains(stdout, "Examples:\n  defaultsg ") {
				t.Errorf("--help has no examples")
			}
			for _, m := range exitcode.Meanings {
				if !strings.Contains(stdout, fmt.Sprintf("  %-4d %s\n", m.Code, m.Meaning)) {
					t.Errorf("--help lacks exit code %d:\n%s", m.Code, stdout)
				}
			}
			if code, _, stderr := execute(testFactory(), append([]string{name, "--no-such-flag"}, argsOf[name]...)...); code != exitcode.Usage {
				t.Errorf("unknown flag: exit %d, want 2\n%s", code, stderr)
			}
			wrongArgs := []string{name, "a", "b", "c"}
			if name == "scan" {
				wrongArgs = []string{name, "--fail-on", "sometimes"}
			}
			if code, _, stderr := execute(testFactory(), wrongArgs...); code != exitcode.Usage {
				t.Errorf("%v: exit %d, want 2\n%s", wrongArgs, code, stderr)
			}
		})
	}
}

func TestREADMEListsEveryExitCode(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(b), "## Exit codes")
	section, _, _ = strings.Cut(section, "\n## ")
	for _, m := range exitcode.Meanings {
		if !strings.Contains(section, fmt.Sprintf("\n| %d |", m.Code)) {
			t.Errorf("README's exit code table lacks %d", m.Code)
		}
	}
}

func TestUsageMistakesExitTwo(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	backup := filepath.Join(dir, "backup.json")
	journal := filepath.Join(dir, "plan.json.journal")
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(plan, "{\n  \"schema\": \"defaultsg.plan/v1\",\n  \"moves\": []\n}\n")
	write(backup, "{\n  \"schema\": \"defaultsg.backup/v1\"\n}\n")
	write(journal, `{"step":"plan","phase":"done","time":"2026-11-30T00:00:00Z"}`+"\n")
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"nope"}, `unknown command "nope"`},
		{[]string{"audti"}, "Did you mean this?\n\taudit"},
		{[]string{"audit", "--regoin", "eu-west-1"}, "Did you mean --region?"},
		{[]string{"close", "--dryrun"}, "Did you mean --dry-run?"},
		{[]string{"usage", "--accept"}, "Did you mean --accept-unknown?"},
		{[]string{"restore", filepath.Join(dir, "nope.json")}, "nope.json: no such file; nothing changed"},
		{[]string{"restore", plan}, "is a plan (from 'defaultsg plan --out'), which restore does not take: give it to apply"},
		{[]string{"restore", journal}, "is apply's journal, which restore does not take: give it to rollback"},
		{[]string{"rollback", plan}, "is a plan; rollback takes the journal apply wrote next to it: defaultsg rollback " + plan + ".journal"},
		{[]string{"rollback", backup}, "is a backup of revoked rules (from 'defaultsg close'), which rollback does not take: give it to restore"},
		{[]string{"apply", backup}, "which apply does not take: give it to restore"},
		{[]string{"verify", journal}, "is apply's journal, which verify does not take: give it to rollback"},
		{[]string{"apply", filepath.Join(dir, "missing.json")}, "no such file"},
	} {
		code, _, stderr := execute(testFactory(), tc.args...)
		if code != exitcode.Usage || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: exit %d, want 2 with %q; stderr:\n%s", tc.args, code, tc.msg, stderr)
		}
	}
}

func TestUnknownProfileIsAUsageError(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_CONFIG_FILE", empty)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", empty)
	ios, _, _, _ := iostreams.Test()
	code, _, stderr := execute(NewFactory(ios), "--profile", "nosuch", "audit")
	if code != exitcode.Usage || !strings.Contains(stderr, `profile "nosuch" is not in your AWS config`) {
		t.Errorf("exit %d, want 2; stderr:\n%s", code, stderr)
	}
}

// TestNoCredentialsGivesTheFixEndToEnd goes through the SDK's real
// credential chain with nothing configured and IMDS disabled.
func TestNoCredentialsGivesTheFixEndToEnd(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty, "AWS_EC2_METADATA_DISABLED": "true",
		"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_WEB_IDENTITY_TOKEN_FILE": "",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "", "AWS_CONTAINER_CREDENTIALS_FULL_URI": ""} {
		t.Setenv(k, v)
	}
	ios, _, _, _ := iostreams.Test()
	code, _, stderr := execute(NewFactory(ios), "--endpoint-url", "http://127.0.0.1:1", "--region", "eu-west-1", "audit")
	for _, want := range []string{"no AWS credentials found", "AWS_PROFILE", "aws sso login", "defaultsg demo"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, stderr)
		}
	}
}

func TestNoCredentialsGivesTheFix(t *testing.T) {
	err := explain(awsx.Wrap("?", "us-east-1", "sts:GetCallerIdentity", &v4.SigningError{Err: fmt.Errorf("no EC2 IMDS role found")}))
	for _, want := range []string{"--profile", "AWS_PROFILE", "aws sso login", "defaultsg demo", "no EC2 IMDS role found"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	if exitcode.Of(err) != exitcode.Error {
		t.Errorf("exit %d", exitcode.Of(err))
	}
}

func TestVersion(t *testing.T) {
	want := "defaultsg " + buildinfo.Long() + "\n"
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, _ := execute(testFactory(), args...)
		if code != 0 || stdout != want {
			t.Errorf("%v: exit %d, stdout %q, want %q", args, code, stdout, want)
		}
	}
}

// TestCoverageGapsNameAcceptableFinders: the FINDER column holds only names
// --accept-unknown takes; a region not read is not offered as one.
func TestCoverageGapsNameAcceptableFinders(t *testing.T) {
	rep := UsageReport{
		Coverage: []usage.Coverage{
			{Account: "1", Region: "us-east-1", Finder: "emr-clusters", Status: usage.StatusUnknown, Error: "AccessDenied"},
			{Account: "1", Region: "eu-west-1", Finder: "emr-clusters", Status: usage.StatusUnknown, Error: "AccessDenied"},
			{Account: "1", Region: "us-east-1", Finder: "glue-connections", Status: usage.StatusAccepted},
			{Account: "1", Region: "us-east-1", Finder: "lambda-functions", Status: usage.StatusChecked},
		},
		Problems: []awsx.Problem{{Account: "1", Region: "ap-south-1", Operation: "ec2:DescribeSecurityGroups", Message: "UnauthorizedOperation"}},
	}
	gaps, unknown := coverageGaps(rep)
	if strings.Join(unknown, ",") != "emr-clusters" {
		t.Errorf("unknown finders %v", unknown)
	}
	for _, row := range gaps.Rows {
		if name := row[2]; name != "(region not read)" {
			if err := checkFinderNames([]string{name}); err != nil {
				t.Errorf("gap row names %q, which --accept-unknown rejects: %v", name, err)
			}
		} else if !strings.HasPrefix(row[4], "ec2:DescribeSecurityGroups: ") {
			t.Errorf("a region not read names the failed operation: %v", row)
		}
	}
	if len(gaps.Rows) != 4 {
		t.Errorf("rows %v", gaps.Rows)
	}
	ios, _, out, _ := iostreams.Test()
	if err := writeUsage(ios, "table", rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "--accept-unknown emr-clusters\n") {
		t.Errorf("no hint:\n%s", out)
	}
}

func TestFlagValuesComplete(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"audit", "-o", ""}, "table\njson\ncsv\nmarkdown\n"},
		{[]string{"plan", "--output", ""}, "text\njson\ncloudformation\nterraform\n"},
		{[]string{"scan", "--fail-on", ""}, "low\nmedium\nhigh\nnever\n"},
		{[]string{"iam-policy", "--for", ""}, "audit\nusage\n"},
		{[]string{"usage", "--accept-unknown", ""}, "emr-clusters\n"},
	} {
		_, stdout, _ := execute(testFactory(), append([]string{"__complete"}, tc.args...)...)
		if !strings.Contains(stdout, tc.want) {
			t.Errorf("%v: completions\n%s\nwant %q", tc.args, stdout, tc.want)
		}
	}
}

func TestHelpFitsAnEightyColumnTerminal(t *testing.T) {
	for _, c := range NewRootCmd(testFactory()).Commands() {
		f := testFactory()
		f.IO.SetTTY(true)
		f.IO.SetWidth(80)
		_, stdout, _ := execute(f, c.Name(), "--help")
		for _, l := range strings.Split(stdout, "\n") {
			if len([]rune(l)) > 80 {
				t.Errorf("%s --help: %d columns: %s", c.Name(), len([]rune(l)), l)
			}
		}
	}
}

func TestMachineFormatsOneRecordPerRowAndNoNull(t *testing.T) {
	rep := UsageReport{Groups: []usageGroup{
		{State: "used", Users: []usage.Usage{{ResourceType: "EC2 instance", ResourceID: "i-1", Detail: "eni-1\n(primary)"}, {ResourceID: "i-2"}}},
		{State: "unused"},
	}}
	tb := usageCSV(rep)
	if len(tb.Rows) != 3 {
		t.Errorf("rows %v", tb.Rows)
	}
	for _, r := range tb.Rows {
		if len(r) != len(tb.Headers) || strings.Contains(strings.Join(r, ""), "\n") {
			t.Errorf("row %q", r)
		}
	}
	for _, h := range tb.Headers {
		if h != strings.ToLower(h) || strings.Contains(h, " ") {
			t.Errorf("header %q is not snake_case", h)
		}
	}
	rows, failed := restoreRows([]restore.GroupResult{{}}, false)
	b, _ := json.Marshal(RestoreReport{Schema: "defaultsg.restore/v1", Groups: rows})
	if failed != 0 || !strings.Contains(string(b), `"errors":[]`) || strings.Contains(string(b), "null") {
		t.Errorf("restore JSON %s", b)
	}
}

// TestOnlyASignalIsAnInterrupt: a cancellation the run's context did not
// see (a cancelled call inside defaultsg) is an error, exit 1, never
// "Interrupted" and 130; a cancelled run context is the interrupt.
func TestOnlyASignalIsAnInterrupt(t *testing.T) {
	inner := fmt.Errorf("restore: reading s3://b/k: %w", context.Canceled)
	var out strings.Builder
	if code := finish(context.Background(), &out, inner); code != exitcode.Error ||
		!strings.Contains(out.String(), "not by a signal") || strings.Contains(out.String(), "Interrupted") {
		t.Errorf("inner cancellation: exit %d, %q", code, out.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out.Reset()
	if code := finish(ctx, &out, inner); code != exitcode.Cancelled || !strings.Contains(out.String(), "Interrupted") {
		t.Errorf("interrupted run: exit %d, %q", code, out.String())
	}
}
