package guard

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/sim"
	"github.com/defaultsg/defaultsg/internal/sim/simtest"
)

const account = "111111111111"

// testBucket is the world's bucket for backup records.
const testBucket = "guard-backups"

// s3Backup writes records to the world's bucket under prefix.
func (w *world) s3Backup(prefix string) S3Backup {
	return S3Backup{Store: backup.S3Store{API: w.s3, Region: "us-east-1"}, Bucket: testBucket, Prefix: prefix}
}

// world is the simulator with a default VPC, its default group, and a
// second group in the same VPC.
type world struct {
	srv       *sim.Server
	ec2       *ec2.Client
	s3        *s3.Client // the simulator's S3 (path-style), with testBucket
	vpc       string
	defaultSG string
	otherSG   string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	srv, url := simtest.StartYAML(t, "accounts:\n  - id: \""+account+"\"\n    resources:\n      us-east-1:\n        s3_buckets: [{name: "+testBucket+"}]\nregions: [us-east-1]\n")
	cfg := awsx.StaticConfig(url, "us-east-1", srv.AccessKeyFor(account), "x")
	w := &world{srv: srv, ec2: ec2.NewFromConfig(cfg), s3: s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })}
	ctx := context.Background()
	out, err := w.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{{Name: aws.String("group-name"), Values: []string{"default"}}}})
	if err != nil || len(out.SecurityGroups) != 1 {
		t.Fatalf("default group: %v %v", out, err)
	}
	w.defaultSG, w.vpc = *out.SecurityGroups[0].GroupId, *out.SecurityGroups[0].VpcId
	cg, err := w.ec2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("web"), Description: aws.String("web"), VpcId: aws.String(w.vpc)})
	if err != nil {
		t.Fatal(err)
	}
	w.otherSG = *cg.GroupId
	return w
}

// addIngress adds tcp/port from the other group (as the recorded event did)
// and returns the new rule's id.
func (w *world) addIngress(t *testing.T, group string, port int32) string {
	t.Helper()
	out, err := w.ec2.AuthorizeSecurityGroupIngress(context.Background(), &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: aws.String(group), IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"),
			FromPort: aws.Int32(port), ToPort: aws.Int32(port), IpRanges: []types.IpRange{{CidrIp: aws.String("10.9.0.0/16")}}}}})
	if err != nil || len(out.SecurityGroupRules) != 1 {
		t.Fatalf("authorize: %v %v", out, err)
	}
	return *out.SecurityGroupRules[0].SecurityGroupRuleId
}

func (w *world) ruleIDs(t *testing.T, group string) []string {
	t.Helper()
	out, err := w.ec2.DescribeSecurityGroupRules(context.Background(), &ec2.DescribeSecurityGroupRulesInput{
		Filters: []types.Filter{{Name: aws.String("group-id"), Values: []string{group}}}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range out.SecurityGroupRules {
		ids = append(ids, *r.SecurityGroupRuleId)
	}
	return ids
}

// event loads a fixture and puts the simulator's ids in place of the
// recorded ones.
func event(t *testing.T, file string, repl ...string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	repl = append(repl, "770203350335", account)
	return []byte(strings.NewReplacer(repl...).Replace(string(b)))
}

type memBackup struct{ records []Record }

func (m *memBackup) Write(_ context.Context, r Record) error {
	m.records = append(m.records, r)
	return nil
}

type failingBackup struct{}

func (failingBackup) Write(context.Context, Record) error { return errors.New("disk full") }

type fakeNotifier struct{ subjects, messages []string }

func (f *fakeNotifier) Notify(_ context.Context, s, m string) error {
	f.subjects, f.messages = append(f.subjects, s), append(f.messages, m)
	return nil
}

func (w *world) handler(mode Mode, b BackupWriter, n *fakeNotifier, log *bytes.Buffer) *Handler {
	h := &Handler{Mode: mode, EC2: func(string) EC2API { return w.ec2 }, Backup: b,
		Now: func() time.Time { return time.Date(2026, 11, 30, 21, 0, 0, 0, time.UTC) }}
	if n != nil {
		h.Notifier = n
	}
	if log != nil {
		h.Log = log
	}
	return h
}

func has(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func TestRuleAddedToDefaultGroupIsRevokedWithBackup(t *testing.T) {
	w := newWorld(t)
	before := w.ruleIDs(t, w.defaultSG)
	added := w.addIngress(t, w.defaultSG, 1521)
	ev := event(t, "authorize-ingress.json", "sg-01f414f5313452cd1", w.defaultSG, "sgr-052f232f61106d4c4", added)
	var mem memBackup
	var log bytes.Buffer
	n := &fakeNotifier{}
	h := w.handler(Enforce, Backups{&LogBackup{W: &log}, &mem}, n, &log)

	res, err := h.HandleJSON(context.Background(), ev)
	if err != nil || res.Action != Revoked {
		t.Fatalf("result %+v, err %v", res, err)
	}
	if has(w.ruleIDs(t, w.defaultSG), added) {
		t.Error("the added rule is still on the default group")
	}
	// Exactly the added rule: AWS's own default rules stay.
	if got := w.ruleIDs(t, w.defaultSG); len(got) != len(before) {
		t.Errorf("rules left %v, want the original %v", got, before)
	}
	if len(mem.records) != 1 || len(mem.records[0].Rules) != 1 || mem.records[0].Rules[0].RuleID != added ||
		mem.records[0].Rules[0].FromPort != 1521 || mem.records[0].Rules[0].CidrIPv4 != "10.9.0.0/16" || mem.records[0].VpcID != w.vpc {
		t.Errorf("backup records %+v", mem.records)
	}
	if !strings.Contains(log.String(), `"defaultsg_guard_backup"`) || !strings.Contains(log.String(), added) {
		t.Errorf("log has no backup record:\n%s", log.String())
	}
	if len(n.subjects) != 1 || !strings.Contains(n.subjects[0], "revoked") || !strings.Contains(n.messages[0], added) {
		t.Errorf("notifications %q", n.subjects)
	}

	// The same event again (EventBridge delivers at least once): nothing to
	// revoke, nothing backed up, nobody notified.
	res, err = h.HandleJSON(context.Background(), ev)
	if err != nil || res.Action != AlreadyGone || !has(res.Gone, added) {
		t.Fatalf("duplicate: %+v %v", res, err)
	}
	if len(mem.records) != 1 || len(n.subjects) != 1 {
		t.Errorf("duplicate wrote %d records, %d notifications", len(mem.records), len(n.subjects))
	}
}

func TestEgressRuleOnDefaultGroupIsRevoked(t *testing.T) {
	w := newWorld(t)
	out, err := w.ec2.AuthorizeSecurityGroupEgress(context.Background(), &ec2.AuthorizeSecurityGroupEgressInput{
		GroupId: aws.String(w.defaultSG), IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"),
			FromPort: aws.Int32(1521), ToPort: aws.Int32(1521), IpRanges: []types.IpRange{{CidrIp: aws.String("10.20.0.0/16")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	added := *out.SecurityGroupRules[0].SecurityGroupRuleId
	var mem memBackup
	res, err := w.handler(Enforce, &mem, nil, nil).HandleJSON(context.Background(),
		event(t, "authorize-egress.json", "sg-01f414f5313452cd1", w.defaultSG, "sgr-0e9a1b2c3d4e5f601", added))
	if err != nil || res.Action != Revoked || len(res.Rules) != 1 || !res.Rules[0].Egress {
		t.Fatalf("%+v %v", res, err)
	}
	if has(w.ruleIDs(t, w.defaultSG), added) {
		t.Error("egress rule still there")
	}
}

func TestRuleAddedToOtherGroupIsIgnored(t *testing.T) {
	w := newWorld(t)
	added := w.addIngress(t, w.otherSG, 1521)
	var mem memBackup
	n := &fakeNotifier{}
	res, err := w.handler(Enforce, &mem, n, nil).HandleJSON(context.Background(),
		event(t, "authorize-ingress.json", "sg-01f414f5313452cd1", w.otherSG, "sgr-052f232f61106d4c4", added))
	if err != nil || res.Action != Ignored || res.Reason != "not a VPC default group" {
		t.Fatalf("%+v %v", res, err)
	}
	if !has(w.ruleIDs(t, w.otherSG), added) || len(mem.records) != 0 || len(n.subjects) != 0 {
		t.Error("a rule of a non-default group was touched, backed up or reported")
	}
}

func TestFailedCallIsIgnoredWithoutReading(t *testing.T) {
	w := newWorld(t)
	added := w.addIngress(t, w.defaultSG, 1521)
	w.srv.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Service: "ec2"}}})
	res, err := w.handler(Enforce, &memBackup{}, nil, nil).HandleJSON(context.Background(),
		event(t, "failed-call.json", "sg-01f414f5313452cd1", w.defaultSG, "sgr-052f232f61106d4c4", added))
	if err != nil || res.Action != Ignored || !strings.Contains(res.Reason, "Client.UnauthorizedOperation") {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestModifyRulesOnDefaultGroupIsRevoked(t *testing.T) {
	w := newWorld(t)
	added := w.addIngress(t, w.defaultSG, 1521)
	var mem memBackup
	res, err := w.handler(Enforce, &mem, nil, nil).HandleJSON(context.Background(),
		event(t, "modify-rules.json", "sg-01f414f5313452cd1", w.defaultSG, "sgr-052f232f61106d4c4", added))
	if err != nil || res.Action != Revoked || len(mem.records) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if has(w.ruleIDs(t, w.defaultSG), added) {
		t.Error("modified rule still there")
	}
}

func TestReportModeNeverRevokes(t *testing.T) {
	w := newWorld(t)
	added := w.addIngress(t, w.defaultSG, 1521)
	var mem memBackup
	n := &fakeNotifier{}
	res, err := w.handler(Report, &mem, n, nil).HandleJSON(context.Background(),
		event(t, "authorize-ingress.json", "sg-01f414f5313452cd1", w.defaultSG, "sgr-052f232f61106d4c4", added))
	if err != nil || res.Action != Reported || len(res.Rules) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if !has(w.ruleIDs(t, w.defaultSG), added) || len(mem.records) != 0 {
		t.Error("report mode revoked or backed up")
	}
	if len(n.subjects) != 1 || !strings.Contains(n.subjects[0], "reported") {
		t.Errorf("notifications %q", n.subjects)
	}
}

func TestAccessDeniedIsAFailedResultNotARetryLoop(t *testing.T) {
	w := newWorld(t)
	added := w.addIngress(t, w.defaultSG, 1521)
	w.srv.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Service: "ec2", Action: "RevokeSecurityGroupIngress"}}})
	var mem memBackup
	n := &fakeNotifier{}
	res, err := w.handler(Enforce, &mem, n, nil).HandleJSON(context.Background(),
		event(t, "authorize-ingress.json", "sg-01f414f5313452cd1", w.defaultSG, "sgr-052f232f61106d4c4", added))
	if err == nil || res.Action != Failed {
		t.Fatalf("%+v %v", res, err)
	}
	for _, want := range []string{account, "us-east-1", "ec2:RevokeSecurityGroupIngress"} {
		if !strings.Contains(res.Error, want) {
			t.Errorf("error %q does not name %s", res.Error, want)
		}
	}
	if awsx.Classify(err) != awsx.ClassAccessDenied {
		t.Errorf("class %v, want access-denied", awsx.Classify(err))
	}
	if len(n.subjects) != 1 || !strings.Contains(n.subjects[0], "failed") {
		t.Errorf("the failure was not notified: %q", n.subjects)
	}
	// The record was written before the call; the rule is still there.
	if len(mem.records) != 1 || !has(w.ruleIDs(t, w.defaultSG), added) {
		t.Errorf("records %d", len(mem.records))
	}
}

func TestNoRevokeWithoutBackup(t *testing.T) {
	w := newWorld(t)
	added := w.addIngress(t, w.defaultSG, 1521)
	res, err := w.handler(Enforce, failingBackup{}, nil, nil).HandleJSON(context.Background(),
		event(t, "authorize-ingress.json", "sg-01f414f5313452cd1", w.defaultSG, "sgr-052f232f61106d4c4", added))
	if err == nil || res.Action != Failed || !strings.Contains(res.Error, "nothing revoked") {
		t.Fatalf("%+v %v", res, err)
	}
	if !has(w.ruleIDs(t, w.defaultSG), added) {
		t.Error("revoked without a backup")
	}
}

// With the log and S3 (as guard handle wires them), a record S3 does not
// keep (access denied) stops the event before the revoke; the log has the
// record, written first.
func TestNoRevokeWhenS3DoesNotKeepTheRecord(t *testing.T) {
	w := newWorld(t)
	added := w.addIngress(t, w.defaultSG, 1521)
	w.srv.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Service: "s3", Action: "PutObject"}}})
	var log bytes.Buffer
	res, err := w.handler(Enforce, Backups{&LogBackup{W: &log}, w.s3Backup("g/")}, nil, nil).HandleJSON(context.Background(),
		event(t, "authorize-ingress.json", "sg-01f414f5313452cd1", w.defaultSG, "sgr-052f232f61106d4c4", added))
	if err == nil || res.Action != Failed || !strings.Contains(res.Error, "nothing revoked") || !strings.Contains(res.Error, "AccessDenied") {
		t.Fatalf("%+v %v", res, err)
	}
	if !has(w.ruleIDs(t, w.defaultSG), added) {
		t.Error("revoked though S3 refused the record")
	}
	if !strings.Contains(log.String(), added) || len(w.srv.S3Objects(testBucket)) != 0 {
		t.Errorf("log %q, objects %v", log.String(), w.srv.S3Objects(testBucket))
	}
}

// A duplicate of an event whose rules were revoked writes nothing; the
// record of an event is the same bytes however often it is made (its time
// is the event's), so a retry finds its own object.
func TestS3RecordOfAnEventIsTheSameOnEveryDelivery(t *testing.T) {
	w := newWorld(t)
	added := w.addIngress(t, w.defaultSG, 1521)
	ev := event(t, "authorize-ingress.json", "sg-01f414f5313452cd1", w.defaultSG, "sgr-052f232f61106d4c4", added)
	// Revoke denied: the record is kept, the event fails.
	w.srv.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Service: "ec2", Action: "Revoke*"}}})
	h := w.handler(Enforce, w.s3Backup("g/"), nil, nil)
	if res, err := h.HandleJSON(context.Background(), ev); err == nil || res.Action != Failed {
		t.Fatalf("%+v %v", res, err)
	}
	first := w.srv.S3Objects(testBucket)
	// Retried later (another clock): the same object, then the revoke.
	w.srv.SetFaults(sim.Faults{})
	h.Now = func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }
	if res, err := h.HandleJSON(context.Background(), ev); err != nil || res.Action != Revoked {
		t.Fatalf("retry: %+v %v", res, err)
	}
	if got := w.srv.S3Objects(testBucket); len(got) != 1 || len(first) != 1 {
		t.Fatalf("objects %d then %d, want 1 and 1", len(first), len(got))
	}
	for _, body := range first {
		if !strings.Contains(string(body), `"time":"2022-11-16T02:34:24Z"`) {
			t.Errorf("record time is not the event's: %s", body)
		}
	}
	// Delivered once more: nothing left, nothing written.
	if res, err := h.HandleJSON(context.Background(), ev); err != nil || res.Action != AlreadyGone || len(w.srv.S3Objects(testBucket)) != 1 {
		t.Errorf("duplicate: %+v %v, %d objects", res, err, len(w.srv.S3Objects(testBucket)))
	}
}

func TestNewVPCDefaultGroupIsClosed(t *testing.T) {
	w := newWorld(t)
	v, err := w.ec2.CreateVpc(context.Background(), &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	if err != nil {
		t.Fatal(err)
	}
	vpc := *v.Vpc.VpcId
	var mem memBackup
	res, err := w.handler(Enforce, &mem, nil, nil).HandleJSON(context.Background(),
		event(t, "create-vpc.json", "vpc-0a71e831cb5152c43", vpc))
	if err != nil || res.Action != Revoked || res.VpcID != vpc || len(res.Rules) == 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if left := w.ruleIDs(t, res.GroupID); len(left) != 0 {
		t.Errorf("new VPC's default group keeps %v", left)
	}
	if len(mem.records) != 1 || len(mem.records[0].Rules) != len(res.Rules) {
		t.Errorf("records %+v", mem.records)
	}
}

func TestParseEventKeepsWhatTheHandlerNeeds(t *testing.T) {
	ev, err := ParseEvent(event(t, "authorize-ingress.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := Event{ID: "1091b24b-5b58-4010-a065-4fd069c06872", Name: "AuthorizeSecurityGroupIngress", Account: account,
		Region: "us-east-1", Time: "2022-11-16T02:34:24Z", GroupID: "sg-01f414f5313452cd1", RuleIDs: []string{"sgr-052f232f61106d4c4"},
		Actor: "arn:aws:sts::" + account + ":assumed-role/Shibboleth-InfraMgt/wrh@bu.edu"}
	if g, _ := json.Marshal(ev); string(g) != jsonOf(want) {
		t.Errorf("got  %s\nwant %s", g, jsonOf(want))
	}
	// A bare record (no envelope) reads the same.
	var env struct {
		Detail json.RawMessage `json:"detail"`
	}
	_ = json.Unmarshal(event(t, "authorize-ingress.json"), &env)
	bare, err := ParseEvent(env.Detail)
	if err != nil || bare.GroupID != ev.GroupID || bare.RuleIDs[0] != ev.RuleIDs[0] {
		t.Errorf("bare record: %+v %v", bare, err)
	}
	if _, err := ParseEvent([]byte(`{"detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","detail":{}}`)); err == nil {
		t.Error("a non-CloudTrail event was accepted")
	}
}

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }
