package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/guard"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/sim"
	"github.com/defaultsg/defaultsg/internal/sim/simtest"
)

func TestGuardFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want guard.Deploy
		org  bool
		out  string
		code int
	}{
		{[]string{"guard"}, guard.Deploy{Mode: guard.Enforce, Arch: "arm64", FunctionName: "defaultsg-guard", BackupPrefix: "defaultsg-guard/", LogRetentionDays: 365}, false, "cloudformation", 0},
		{[]string{"guard", "-o", "terraform", "--mode", "report", "--arch", "x86_64", "--sns-topic-arn", "arn:aws:sns:us-east-1:1:t", "--lockdown", "--log-retention-days", "30"},
			guard.Deploy{Mode: guard.Report, Arch: "x86_64", FunctionName: "defaultsg-guard", TopicARN: "arn:aws:sns:us-east-1:1:t", BackupPrefix: "defaultsg-guard/", LogRetentionDays: 30, Lockdown: true}, false, "terraform", 0},
		{[]string{"--org", "--ou", "r-ab12", "--regions", "us-east-1,eu-west-1", "guard"},
			guard.Deploy{Mode: guard.Enforce, Arch: "arm64", FunctionName: "defaultsg-guard", BackupPrefix: "defaultsg-guard/", LogRetentionDays: 365, OUs: []string{"r-ab12"}, Regions: []string{"us-east-1", "eu-west-1"}}, true, "cloudformation", 0},
		{[]string{"guard", "extra"}, guard.Deploy{}, false, "", exitcode.Usage},
	} {
		f := testFactory()
		var got *GuardOptions
		code := parseCmd(t, f, NewCmdGuard(f, capture(&got)), tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d", tc.args, code, tc.code)
			continue
		}
		if code != 0 {
			continue
		}
		if mustJSONText(got.Deploy) != mustJSONText(tc.want) || got.Org != tc.org || got.Output != tc.out {
			t.Errorf("%v:\n got %+v org %v %s\nwant %+v", tc.args, got.Deploy, got.Org, got.Output, tc.want)
		}
	}
}

func mustJSONText(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestGuardRendersAndRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"guard"}, 0, "Runtime: provided.al2023"},
		{[]string{"guard", "-o", "terraform"}, 0, `"provided.al2023"`},
		{[]string{"--org", "--ou", "r-ab12", "--regions", "us-east-1", "guard"}, 0, "PermissionModel: SERVICE_MANAGED"},
		{[]string{"--org", "guard"}, exitcode.Usage, ""},
		{[]string{"--org", "--ou", "r-ab12", "--regions", "us-east-1", "guard", "-o", "terraform"}, exitcode.Usage, ""},
		{[]string{"guard", "--mode", "revoke"}, exitcode.Usage, ""},
		{[]string{"guard", "--arch", "amd64"}, exitcode.Usage, ""},
		{[]string{"guard", "-o", "guard.yaml"}, exitcode.Usage, ""},
		{[]string{"guard", "handle"}, exitcode.Usage, ""},
	} {
		f := testFactory()
		code := Execute(context.Background(), f, tc.args)
		if code != tc.code || !strings.Contains(out(f.IO), tc.want) {
			t.Errorf("%v: exit %d (want %d)\n%s%s", tc.args, code, tc.code, out(f.IO), errOut(f.IO))
		}
	}
}

// guardSim is one account, one region, a default group with an added rule,
// and an S3 bucket for backup records (guardBucket).
func guardSim(t *testing.T) (*sim.Server, *Factory, *ec2.Client, string, string) {
	t.Helper()
	srv, url := simtest.StartYAML(t, "accounts:\n  - id: \"111111111111\"\n    resources:\n      us-east-1:\n        s3_buckets: [{name: "+guardBucket+"}]\nregions: [us-east-1]\n")
	cfg := awsx.StaticConfig(url, "us-east-1", srv.AccessKeyFor("111111111111"), "x")
	c := ec2.NewFromConfig(cfg)
	ctx := context.Background()
	g, err := c.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{{Name: aws.String("group-name"), Values: []string{"default"}}}})
	if err != nil {
		t.Fatal(err)
	}
	sg := *g.SecurityGroups[0].GroupId
	a, err := c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(sg),
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(22), ToPort: aws.Int32(22), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := iostreams.Test()
	f := &Factory{IO: ios, Global: &GlobalOptions{}, Now: func() time.Time { return time.Unix(0, 0) },
		AWSConfig: func(context.Context) (aws.Config, error) { return cfg, nil }}
	return srv, f, c, sg, *a.SecurityGroupRules[0].SecurityGroupRuleId
}

func guardEventFile(t *testing.T, group, rule string) string {
	t.Helper()
	b, err := os.ReadFile("../guard/testdata/authorize-ingress.json")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.NewReplacer("sg-01f414f5313452cd1", group, "sgr-052f232f61106d4c4", rule, "770203350335", "111111111111").Replace(string(b))
	p := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGuardHandleOneEvent(t *testing.T) {
	_, f, _, sg, rule := guardSim(t)
	ev := guardEventFile(t, sg, rule)
	if code := Execute(context.Background(), f, []string{"guard", "handle", "--event", ev, "-o", "json"}); code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut(f.IO))
	}
	var res guard.Result
	if err := json.Unmarshal([]byte(out(f.IO)), &res); err != nil || res.Action != guard.Revoked || res.Rules[0].RuleID != rule {
		t.Fatalf("%+v %v\n%s", res, err, out(f.IO))
	}
	if !strings.Contains(errOut(f.IO), `"defaultsg_guard_backup"`) {
		t.Errorf("no backup record on stderr:\n%s", errOut(f.IO))
	}
	// Again, as text: nothing left to revoke.
	f.IO, _, _, _ = iostreams.Test()
	if code := Execute(context.Background(), f, []string{"guard", "handle", "--event", ev}); code != 0 || !strings.Contains(out(f.IO), "already-gone") {
		t.Errorf("exit %d\n%s", code, out(f.IO))
	}
}

func TestGuardHandleAccessDeniedExitsFailed(t *testing.T) {
	srv, f, _, sg, rule := guardSim(t)
	srv.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Service: "ec2", Action: "Revoke*"}}})
	code := Execute(context.Background(), f, []string{"guard", "handle", "--event", guardEventFile(t, sg, rule)})
	if code != exitcode.Failed || !strings.Contains(out(f.IO), "failed") || !strings.Contains(errOut(f.IO), "ec2:RevokeSecurityGroupIngress") {
		t.Errorf("exit %d\n%s\n%s", code, out(f.IO), errOut(f.IO))
	}
}

const guardBucket = "guard-backups"

func addGuardRule(t *testing.T, c *ec2.Client, sg string, port int32) string {
	t.Helper()
	a, err := c.AuthorizeSecurityGroupIngress(context.Background(), &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(sg),
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port), IpRanges: []types.IpRange{{CidrIp: aws.String("10.1.0.0/16")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	return *a.SecurityGroupRules[0].SecurityGroupRuleId
}

func hasRule(t *testing.T, c *ec2.Client, sg, rule string) bool {
	t.Helper()
	out, err := c.DescribeSecurityGroupRules(context.Background(), &ec2.DescribeSecurityGroupRulesInput{
		Filters: []types.Filter{{Name: aws.String("group-id"), Values: []string{sg}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.SecurityGroupRules {
		if aws.ToString(r.SecurityGroupRuleId) == rule {
			return true
		}
	}
	return false
}

func handleGuard(t *testing.T, f *Factory, args ...string) (int, guard.Result) {
	t.Helper()
	f.IO, _, _, _ = iostreams.Test()
	code := Execute(context.Background(), f, append([]string{"guard", "handle", "-o", "json"}, args...))
	var res guard.Result
	if err := json.Unmarshal([]byte(out(f.IO)), &res); err != nil && code != exitcode.Usage {
		t.Fatalf("%v: %v\n%s\n%s", args, err, out(f.IO), errOut(f.IO))
	}
	return code, res
}

// --backup s3://BUCKET/PREFIX/: the record is an object under
// PREFIX/ACCOUNT/REGION/GROUP/, the same bytes as the log line, written
// before the revoke. The same event again writes nothing and revokes
// nothing; an event retried after a failed revoke finds its own record in
// place (the same bytes: success) and revokes.
func TestGuardHandleKeepsTheRecordInS3(t *testing.T) {
	srv, f, c, sg, rule := guardSim(t)
	ev := guardEventFile(t, sg, rule)
	code, res := handleGuard(t, f, "--event", ev, "--backup", "s3://"+guardBucket+"/g/")
	if code != 0 || res.Action != guard.Revoked {
		t.Fatalf("exit %d %+v\n%s", code, res, errOut(f.IO))
	}
	objs := srv.S3Objects(guardBucket)
	if len(objs) != 1 {
		t.Fatalf("%d objects, want 1: %v", len(objs), objs)
	}
	prefix := "g/111111111111/us-east-1/" + sg + "/1091b24b-5b58-4010-a065-4fd069c06872-"
	for k, body := range objs {
		if !strings.HasPrefix(k, prefix) || !strings.HasSuffix(k, ".json") {
			t.Errorf("key %s, want %s….json", k, prefix)
		}
		if string(body) != errOut(f.IO) {
			t.Errorf("object\n%s\nlog line\n%s", body, errOut(f.IO))
		}
		var rec struct {
			Backup guard.Record `json:"defaultsg_guard_backup"`
		}
		if err := json.Unmarshal(body, &rec); err != nil || len(rec.Backup.Rules) != 1 || rec.Backup.Rules[0].RuleID != rule || len(rec.Backup.RestoreIngress) != 1 {
			t.Errorf("record %+v %v", rec, err)
		}
	}
	if hasRule(t, c, sg, rule) {
		t.Errorf("%s not revoked", rule)
	}

	code, res = handleGuard(t, f, "--event", ev, "--backup", "s3://"+guardBucket+"/g/")
	if code != 0 || res.Action != guard.AlreadyGone || len(srv.S3Objects(guardBucket)) != 1 {
		t.Errorf("duplicate: exit %d %+v, %d objects", code, res, len(srv.S3Objects(guardBucket)))
	}

	// A rule whose revoke fails after the record was kept; the retry (the
	// same event) succeeds on the same object. From the environment this
	// time, as in Lambda.
	t.Setenv(guard.EnvBackupBucket, guardBucket)
	t.Setenv(guard.EnvBackupPrefix, "g")
	rule2 := addGuardRule(t, c, sg, 5432)
	ev2 := guardEventFile(t, sg, rule2)
	srv.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Service: "ec2", Action: "Revoke*"}}})
	if code, res = handleGuard(t, f, "--event", ev2); code != exitcode.Failed || res.Action != guard.Failed || !hasRule(t, c, sg, rule2) {
		t.Fatalf("denied revoke: exit %d %+v", code, res)
	}
	if n := len(srv.S3Objects(guardBucket)); n != 2 {
		t.Fatalf("%d objects after the failed revoke, want 2", n)
	}
	srv.SetFaults(sim.Faults{})
	if code, res = handleGuard(t, f, "--event", ev2); code != 0 || res.Action != guard.Revoked || hasRule(t, c, sg, rule2) {
		t.Errorf("retry: exit %d %+v\n%s", code, res, errOut(f.IO))
	}
	if n := len(srv.S3Objects(guardBucket)); n != 2 {
		t.Errorf("%d objects after the retry, want still 2", n)
	}
}

// The record cannot be kept in S3 (no such bucket, access denied): the
// event fails, naming account, region, operation and object, and nothing
// is revoked.
func TestGuardHandleS3BackupFailureRevokesNothing(t *testing.T) {
	srv, f, c, sg, rule := guardSim(t)
	ev := guardEventFile(t, sg, rule)
	code, res := handleGuard(t, f, "--event", ev, "--backup", "s3://no-such-bucket/g/")
	if code != exitcode.Failed || res.Action != guard.Failed || !hasRule(t, c, sg, rule) {
		t.Errorf("missing bucket: exit %d %+v", code, res)
	}
	for _, want := range []string{"nothing revoked", "account 111111111111", "region us-east-1", "s3:PutObject s3://no-such-bucket/g/111111111111/us-east-1/" + sg + "/", "NoSuchBucket"} {
		if !strings.Contains(res.Error, want) {
			t.Errorf("missing bucket: error does not say %q: %s", want, res.Error)
		}
	}

	srv.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Service: "s3", Action: "PutObject"}}})
	code, res = handleGuard(t, f, "--event", ev, "--backup", "s3://"+guardBucket+"/g/")
	if code != exitcode.Failed || res.Action != guard.Failed || !hasRule(t, c, sg, rule) || len(srv.S3Objects(guardBucket)) != 0 {
		t.Errorf("access denied: exit %d %+v, %d objects", code, res, len(srv.S3Objects(guardBucket)))
	}
	for _, want := range []string{"nothing revoked", "account 111111111111", "region us-east-1", "s3:PutObject s3://" + guardBucket + "/g/", "AccessDenied"} {
		if !strings.Contains(res.Error, want) {
			t.Errorf("access denied: error does not say %q: %s", want, res.Error)
		}
	}
	// Without s3:GetObject the record is written but cannot be read back:
	// still nothing revoked.
	srv.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Service: "s3", Action: "GetObject"}}})
	code, res = handleGuard(t, f, "--event", ev, "--backup", "s3://"+guardBucket+"/g/")
	if code != exitcode.Failed || !hasRule(t, c, sg, rule) || !strings.Contains(res.Error, "s3:GetObject") {
		t.Errorf("read back denied: exit %d %+v", code, res)
	}

	f.IO, _, _, _ = iostreams.Test()
	if code := Execute(context.Background(), f, []string{"guard", "handle", "--event", ev, "--backup", "/tmp/records"}); code != exitcode.Usage {
		t.Errorf("--backup /tmp/records: exit %d, want %d", code, exitcode.Usage)
	}
}
