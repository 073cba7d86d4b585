package e2e

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"go.yaml.in/yaml/v3"

	"github.com/defaultsg/defaultsg/internal/testutil"
)

// TestGuardRenders runs the binary's renderings and lints the CloudFormation
// ones with cfn-lint (skipped without it, except under CI=true).
func TestGuardRenders(t *testing.T) {
	ep := endpoint{URL: "http://127.0.0.1:9"} // guard reads nothing from AWS
	dir := t.TempDir()
	for _, c := range []struct {
		file string
		args []string
		want []string
	}{
		{"guard.yaml", []string{"guard", "--lockdown", "--sns-topic-arn", "arn:aws:sns:us-east-1:111111111111:alerts"},
			[]string{"AWS::Events::Rule", "Custom::DefaultsgLockdown", "sns:Publish", "provided.al2023"}},
		{"org.yaml", []string{"--org", "--ou", "r-ab12", "--regions", "us-east-1,eu-west-1", "guard", "--mode", "report"},
			[]string{"AWS::CloudFormation::StackSet", "SERVICE_MANAGED", "aws cloudformation create-stack-set", "DEFAULTSG_GUARD_MODE: \"report\""}},
		{"guard.tf", []string{"guard", "-o", "terraform", "--lockdown", "--arch", "x86_64"},
			[]string{`resource "aws_default_security_group" "lockdown"`, `["x86_64"]`, `s3_key`}},
	} {
		r := run(t, ep, dir, nil, append(c.args, "--out", c.file)...)
		if r.Code != 0 {
			t.Fatalf("%v: exit %d\n%s", c.args, r.Code, r.Stderr)
		}
		b, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		mustContain(t, c.file, string(b), c.want...)
		if strings.HasSuffix(c.file, ".yaml") {
			var doc map[string]any
			if err := yaml.Unmarshal(b, &doc); err != nil || doc["Resources"] == nil {
				t.Errorf("%s: %v", c.file, err)
			}
		}
	}
	lint := testutil.RequireTool(t, "cfn-lint")
	if out, err := exec.Command(lint, filepath.Join(dir, "guard.yaml"), filepath.Join(dir, "org.yaml")).CombinedOutput(); err != nil {
		t.Errorf("cfn-lint: %v\n%s", err, out)
	}
}

// guardSetup adds a tcp/22 rule to the default group and a tcp/443 rule
// to another group of the same VPC, and returns the groups and rule ids.
func guardSetup(t *testing.T, ep endpoint) (defaultSG, ruleOnDefault, otherSG, ruleOnOther string) {
	t.Helper()
	c := ec2Client(ep, "us-east-1")
	g, err := c.DescribeSecurityGroups(ctx(t), &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{
		{Name: str("group-name"), Values: []string{"default"}}}})
	if err != nil || len(g.SecurityGroups) == 0 {
		t.Fatalf("default group: %v", err)
	}
	defaultSG, vpc := *g.SecurityGroups[0].GroupId, *g.SecurityGroups[0].VpcId
	o, err := c.CreateSecurityGroup(ctx(t), &ec2.CreateSecurityGroupInput{GroupName: str("web"), Description: str("web"), VpcId: &vpc})
	if err != nil {
		t.Fatal(err)
	}
	otherSG = *o.GroupId
	add := func(group string, port int32) string {
		a, err := c.AuthorizeSecurityGroupIngress(ctx(t), &ec2.AuthorizeSecurityGroupIngressInput{GroupId: &group,
			IpPermissions: []types.IpPermission{{IpProtocol: str("tcp"), FromPort: &port, ToPort: &port,
				IpRanges: []types.IpRange{{CidrIp: str("0.0.0.0/0")}}}}})
		if err != nil || len(a.SecurityGroupRules) != 1 {
			t.Fatalf("authorize on %s: %v", group, err)
		}
		return *a.SecurityGroupRules[0].SecurityGroupRuleId
	}
	return defaultSG, add(defaultSG, 22), otherSG, add(otherSG, 443)
}

func guardEvent(t *testing.T, dir, account, group, rule string) string {
	t.Helper()
	b, err := os.ReadFile("../internal/guard/testdata/authorize-ingress.json")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.NewReplacer("sg-01f414f5313452cd1", group, "sgr-052f232f61106d4c4", rule, "770203350335", account).Replace(string(b))
	p := filepath.Join(dir, group+".json")
	if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func groupRuleIDs(t *testing.T, ep endpoint, group string) []string {
	t.Helper()
	out, err := ec2Client(ep, "us-east-1").DescribeSecurityGroupRules(ctx(t), &ec2.DescribeSecurityGroupRulesInput{
		Filters: []types.Filter{{Name: str("group-id"), Values: []string{group}}}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range out.SecurityGroupRules {
		ids = append(ids, *r.SecurityGroupRuleId)
	}
	return ids
}

type guardResult struct {
	Action string   `json:"action"`
	Gone   []string `json:"already_gone"`
	Rules  []struct {
		RuleID string `json:"rule_id"`
	} `json:"rules"`
}

// guardSystem is one AWS the guard tests run against, with its account.
type guardSystem struct {
	name    string
	ep      endpoint
	account string
}

// guardSystems are the simulator and moto, each with one account.
func guardSystems(t *testing.T) []guardSystem {
	sim := startSim(t, "accounts:\n  - id: \"111111111111\"\nregions: [us-east-1]\n")
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	return []guardSystem{{"sim", sim, "111111111111"}, {"moto", moto, "123456789012"}}
}

// The same events against the simulator and moto: a rule on a default
// group is revoked (once), a rule on another group stays.
func TestGuardHandleAgainstSimAndMoto(t *testing.T) {
	for _, c := range guardSystems(t) {
		dir := t.TempDir()
		def, onDef, other, onOther := guardSetup(t, c.ep)
		handle := func(ev string) (guardResult, result) {
			r := run(t, c.ep, dir, nil, "guard", "handle", "--event", ev, "-o", "json")
			var res guardResult
			if err := json.Unmarshal([]byte(r.Stdout), &res); err != nil {
				t.Fatalf("%s: %v\n%s\n%s", c.name, err, r.Stdout, r.Stderr)
			}
			return res, r
		}
		res, r := handle(guardEvent(t, dir, c.account, def, onDef))
		if r.Code != 0 || res.Action != "revoked" || len(res.Rules) != 1 || res.Rules[0].RuleID != onDef {
			t.Errorf("%s: default group: exit %d %+v\n%s", c.name, r.Code, res, r.Stderr)
		}
		mustContain(t, c.name+" backup record", r.Stderr, `"defaultsg_guard_backup"`, onDef)
		backupLine := r.Stderr
		for _, id := range groupRuleIDs(t, c.ep, def) {
			if id == onDef {
				t.Errorf("%s: %s is still on the default group", c.name, onDef)
			}
		}
		res, r = handle(guardEvent(t, dir, c.account, def, onDef))
		if r.Code != 0 || res.Action != "already-gone" || len(res.Gone) != 1 {
			t.Errorf("%s: duplicate: exit %d %+v", c.name, r.Code, res)
		}
		res, r = handle(guardEvent(t, dir, c.account, other, onOther))
		if r.Code != 0 || res.Action != "ignored" {
			t.Errorf("%s: other group: exit %d %+v", c.name, r.Code, res)
		}
		if ids := groupRuleIDs(t, c.ep, other); !strings.Contains(strings.Join(ids, " "), onOther) {
			t.Errorf("%s: the other group lost %s", c.name, onOther)
		}
		restoreWithAWSCLI(t, c.ep, dir, def, backupLine)
	}
}

// restoreWithAWSCLI puts the revoked rule back as docs/GUARD.md says: the
// record's restore_ingress, given to the AWS CLI as --ip-permissions.
func restoreWithAWSCLI(t *testing.T, ep endpoint, dir, group, log string) {
	t.Helper()
	awsCLI := testutil.RequireTool(t, "aws")
	var rec struct {
		Backup struct {
			GroupID string          `json:"group_id"`
			Ingress json.RawMessage `json:"restore_ingress"`
		} `json:"defaultsg_guard_backup"`
	}
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, `"defaultsg_guard_backup"`) {
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	if rec.Backup.GroupID != group || len(rec.Backup.Ingress) == 0 {
		t.Fatalf("record %+v", rec)
	}
	perms := filepath.Join(dir, "restore-ingress.json")
	if err := os.WriteFile(perms, rec.Backup.Ingress, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(awsCLI, "--endpoint-url", ep.URL, "--region", "us-east-1", "ec2", "authorize-security-group-ingress",
		"--group-id", group, "--ip-permissions", "file://"+perms)
	cmd.Env = cleanEnv(ep)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("aws ec2 authorize-security-group-ingress: %v\n%s", err, out)
	}
	if !hasSSHFromAnywhere(t, ep, group) {
		t.Errorf("the restored rule is not on %s", group)
	}
}

// fakeRuntime is Lambda's runtime API (2018-06-01) for one invocation.
type fakeRuntime struct {
	mu       sync.Mutex
	event    []byte
	sent     bool
	response chan string
}

func (f *fakeRuntime) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/2018-06-01/runtime/invocation/next":
		f.mu.Lock()
		sent := f.sent
		f.sent = true
		f.mu.Unlock()
		if sent {
			<-r.Context().Done() // no more events: the sandbox would freeze here
			return
		}
		w.Header().Set("Lambda-Runtime-Aws-Request-Id", "req-1")
		w.Header().Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(time.Minute).UnixMilli(), 10))
		w.Header().Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:111111111111:function:defaultsg-guard")
		_, _ = w.Write(f.event)
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/2018-06-01/runtime/invocation/req-1/"):
		b, _ := io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
		f.response <- strings.TrimPrefix(r.URL.Path, "/2018-06-01/runtime/invocation/req-1/") + " " + string(b)
	default:
		http.NotFound(w, r)
	}
}

// In Lambda (AWS_LAMBDA_RUNTIME_API set), guard handle takes the event
// from the runtime API, revokes, and posts the result back.
func TestGuardHandleServesTheLambdaRuntimeAPI(t *testing.T) {
	ep := startSim(t, guardS3Scenario)
	def, onDef, _, _ := guardSetup(t, ep)
	dir := t.TempDir()
	ev, err := os.ReadFile(guardEvent(t, dir, "111111111111", def, onDef))
	if err != nil {
		t.Fatal(err)
	}
	rt := &fakeRuntime{event: ev, response: make(chan string, 1)}
	srv := httptest.NewServer(rt)
	t.Cleanup(srv.Close)
	addr := strings.TrimPrefix(srv.URL, "http://")
	if _, _, err := net.SplitHostPort(addr); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "--endpoint-url", ep.URL, "guard", "handle")
	cmd.Env = append(cleanEnv(ep), "AWS_LAMBDA_RUNTIME_API="+addr, "DEFAULTSG_GUARD_MODE=enforce",
		"DEFAULTSG_GUARD_BACKUP_BUCKET="+guardRecordsBucket, "DEFAULTSG_GUARD_BACKUP_PREFIX=defaultsg-guard/")
	logf, err := os.Create(filepath.Join(dir, "function.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	select {
	case got := <-rt.response:
		if !strings.HasPrefix(got, "response ") || !strings.Contains(got, `"action":"revoked"`) {
			t.Errorf("runtime API got %s", got)
		}
	case <-time.After(60 * time.Second):
		log, _ := os.ReadFile(logf.Name())
		t.Fatalf("no response from the function; its log:\n%s", log)
	}
	for _, id := range groupRuleIDs(t, ep, def) {
		if id == onDef {
			t.Errorf("%s is still on the default group", onDef)
		}
	}
	// The function's log (CloudWatch in Lambda) has the backup record.
	log, _ := os.ReadFile(logf.Name())
	mustContain(t, "function log", string(log), `"defaultsg_guard_backup"`, onDef, `"defaultsg_guard_result"`)
	// And the bucket of the function's environment has it too.
	objs := ep.Sim.S3Objects(guardRecordsBucket)
	if len(objs) != 1 {
		t.Fatalf("%d objects in %s, want 1", len(objs), guardRecordsBucket)
	}
	for k, body := range objs {
		if !strings.HasPrefix(k, "defaultsg-guard/111111111111/us-east-1/"+def+"/") || !strings.Contains(string(log), string(body)) {
			t.Errorf("object %s:\n%s\nnot the log's record", k, body)
		}
	}
}

const guardRecordsBucket = "guard-records"

const guardS3Scenario = `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        s3_buckets: [{name: guard-records}]
regions: [us-east-1]
`

// guard handle --backup s3://…: the record is kept in S3 (the log line's
// bytes), and restores as docs/GUARD.md says: aws s3 cp, then the record's
// restore_ingress to the AWS CLI. The same event again writes nothing; a
// bucket that does not exist stops the event before the revoke.
func TestGuardHandleKeepsRecordsInS3AndTheyRestore(t *testing.T) {
	ep := startSim(t, guardS3Scenario)
	dir := t.TempDir()
	def, onDef, _, _ := guardSetup(t, ep)
	ev := guardEvent(t, dir, "111111111111", def, onDef)
	r := run(t, ep, dir, nil, "guard", "handle", "--event", ev, "--backup", "s3://"+guardRecordsBucket+"/guard/", "-o", "json")
	var res guardResult
	if err := json.Unmarshal([]byte(r.Stdout), &res); err != nil || r.Code != 0 || res.Action != "revoked" {
		t.Fatalf("exit %d %+v %v\n%s", r.Code, res, err, r.Stderr)
	}
	objs := ep.Sim.S3Objects(guardRecordsBucket)
	if len(objs) != 1 {
		t.Fatalf("%d objects, want 1", len(objs))
	}
	var key string
	for k, body := range objs {
		key = k
		if string(body) != r.Stderr {
			t.Errorf("object\n%s\nstderr\n%s", body, r.Stderr)
		}
	}
	if !strings.HasPrefix(key, "guard/111111111111/us-east-1/"+def+"/1091b24b-5b58-4010-a065-4fd069c06872-") {
		t.Errorf("key %s", key)
	}

	r = run(t, ep, dir, nil, "guard", "handle", "--event", ev, "--backup", "s3://"+guardRecordsBucket+"/guard/", "-o", "json")
	if err := json.Unmarshal([]byte(r.Stdout), &res); err != nil || r.Code != 0 || res.Action != "already-gone" || len(ep.Sim.S3Objects(guardRecordsBucket)) != 1 {
		t.Errorf("duplicate: exit %d %+v %v", r.Code, res, err)
	}

	// docs/GUARD.md, "Restoring": the object, fetched with the AWS CLI
	// (path-style: the simulator serves no virtual hosts).
	awsCLI := testutil.RequireTool(t, "aws")
	conf := filepath.Join(dir, "aws-config")
	if err := os.WriteFile(conf, []byte("[default]\ns3 =\n    addressing_style = path\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	record := filepath.Join(dir, "record.json")
	cp := exec.Command(awsCLI, "--endpoint-url", ep.URL, "--region", "us-east-1", "s3", "cp", "s3://"+guardRecordsBucket+"/"+key, record)
	cp.Env = append(cleanEnv(ep), "AWS_CONFIG_FILE="+conf)
	if out, err := cp.CombinedOutput(); err != nil {
		t.Fatalf("aws s3 cp: %v\n%s", err, out)
	}
	body, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	before := groupRuleIDs(t, ep, def)
	restoreWithAWSCLI(t, ep, dir, def, string(body))

	// The restored rule is on the default group again (a new id); an event
	// naming it, with a bucket that does not exist: nothing revoked.
	var newID string
	for _, id := range groupRuleIDs(t, ep, def) {
		if !slices.Contains(before, id) {
			newID = id
		}
	}
	if newID == "" {
		t.Fatal("no restored rule")
	}
	r = run(t, ep, dir, nil, "guard", "handle", "--event", guardEvent(t, dir, "111111111111", def, newID), "--backup", "s3://no-such-bucket/guard/")
	if r.Code != 6 || !strings.Contains(r.Stdout, "NoSuchBucket") || !strings.Contains(r.Stdout, "nothing revoked") {
		t.Errorf("missing bucket: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	if !strings.Contains(strings.Join(groupRuleIDs(t, ep, def), " "), newID) {
		t.Errorf("%s revoked without a record in S3", newID)
	}
}

// TestRestoreGuardRecordsAgainstSimAndMoto: `defaultsg restore` takes the
// guard's log as it was saved (the record among other lines) and puts the
// revoked rule back, in the simulator and in moto; run again it finds the
// rule present and changes nothing.
func TestRestoreGuardRecordsAgainstSimAndMoto(t *testing.T) {
	for _, c := range guardSystems(t) {
		dir := t.TempDir()
		def, onDef, _, _ := guardSetup(t, c.ep)
		r := run(t, c.ep, dir, nil, "guard", "handle", "--event", guardEvent(t, dir, c.account, def, onDef), "-o", "json")
		if r.Code != 0 || !strings.Contains(r.Stderr, `"defaultsg_guard_backup"`) {
			t.Fatalf("%s: guard handle: exit %d\n%s", c.name, r.Code, r.Stderr)
		}
		if hasSSHFromAnywhere(t, c.ep, def) {
			t.Fatalf("%s: the guard did not revoke the rule", c.name)
		}
		log := filepath.Join(dir, "guard.log")
		if err := os.WriteFile(log, []byte("START RequestId: r1 Version: $LATEST\n"+r.Stderr+"END RequestId: r1\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		for i, want := range [][2]int{{1, 0}, {0, 1}} { // rules restored, present
			r = run(t, c.ep, dir, nil, "restore", log, "--yes", "-o", "json")
			if r.Code != 0 {
				t.Fatalf("%s: restore #%d: exit %d\n%s\n%s", c.name, i+1, r.Code, r.Stdout, r.Stderr)
			}
			var rep struct {
				Groups []struct {
					GroupID  string `json:"group_id"`
					Restored int    `json:"rules_restored"`
					Present  int    `json:"rules_present"`
				} `json:"groups"`
			}
			if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil || len(rep.Groups) != 1 || rep.Groups[0].GroupID != def ||
				[2]int{rep.Groups[0].Restored, rep.Groups[0].Present} != want {
				t.Errorf("%s: restore #%d: want %d restored and %d present on %s (%v)\n%s", c.name, i+1, want[0], want[1], def, err, r.Stdout)
			}
			if !hasSSHFromAnywhere(t, c.ep, def) {
				t.Fatalf("%s: restore #%d did not put the rule back", c.name, i+1)
			}
		}
	}
}

func hasSSHFromAnywhere(t *testing.T, ep endpoint, group string) bool {
	t.Helper()
	out, err := ec2Client(ep, "us-east-1").DescribeSecurityGroupRules(ctx(t), &ec2.DescribeSecurityGroupRulesInput{
		Filters: []types.Filter{{Name: str("group-id"), Values: []string{group}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range out.SecurityGroupRules {
		if !*r.IsEgress && r.FromPort != nil && *r.FromPort == 22 && r.CidrIpv4 != nil && *r.CidrIpv4 == "0.0.0.0/0" {
			return true
		}
	}
	return false
}
