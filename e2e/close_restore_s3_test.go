package e2e

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/iampolicy"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/sim"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

const s3Bucket = "defaultsg-backups"

const s3Scenario = `
accounts:
  - id: "123456789012"
    access_key_id: AKIADIFFERENTIAL01
    resources:
      us-east-1:
        s3_buckets: [{name: defaultsg-backups}]
regions: [us-east-1, eu-west-1]
`

func s3Client(ep endpoint) *s3.Client {
	return s3.NewFromConfig(awsx.StaticConfig(ep.URL, "us-east-1", ep.AccessKey, "test-secret"),
		func(o *s3.Options) { o.UsePathStyle = true })
}

// TestCloseRestoreS3AgainstMoto: close --backup s3://… then restore s3://…
// give back exactly the rules, in the simulator and in moto, with the same
// results; a second close to the same key is refused (exit 2) and changes
// nothing; the product's conditional write is refused by both.
func TestCloseRestoreS3AgainstMoto(t *testing.T) {
	motoURL := testutil.StartMoto(t)
	systems := []struct {
		name   string
		ep     endpoint
		isMoto bool
	}{
		{"simulator", startSim(t, s3Scenario), false},
		{"moto", endpoint{URL: motoURL, AccessKey: "AKIAIOSFODNN7EXAMPLE"}, true},
	}
	regions := strings.Join(diffRegions, ",")
	url := "s3://" + s3Bucket + "/runs/close-1.json"
	views := map[string][]string{}
	for _, sys := range systems {
		if sys.isMoto {
			_, err := s3Client(sys.ep).CreateBucket(ctx(t), &s3.CreateBucketInput{Bucket: aws.String(s3Bucket)})
			motoCheck(t)("CreateBucket", err)
		}
		names := seed(t, sys.ep, sys.isMoto)
		before, _ := auditJSON(t, sys.ep, "--regions", regions)
		r := run(t, sys.ep, "", nil, "close", "--regions", regions, "--yes", "-o", "json", "--backup", url, "--accept-unknown", motoUnservedFinders)
		if r.Code != 0 {
			t.Fatalf("%s: close exit %d\n%s\n%s", sys.name, r.Code, r.Stdout, r.Stderr)
		}
		var res struct {
			Backup string `json:"backup"`
		}
		if err := json.Unmarshal([]byte(r.Stdout), &res); err != nil || res.Backup != url {
			t.Fatalf("%s: close reported backup %q (%v), want %s", sys.name, res.Backup, err, url)
		}
		// The object is there, a valid backup of the rules revoked.
		data, err := backup.GetS3(ctx(t), s3Client(sys.ep), s3Bucket, "runs/close-1.json")
		if err != nil {
			t.Fatalf("%s: reading the backup: %v", sys.name, err)
		}
		doc, err := backup.Parse(data)
		if err != nil || doc.RuleCount() == 0 {
			t.Fatalf("%s: backup object: %v (%d rules)", sys.name, err, doc.RuleCount())
		}
		closed, _ := auditJSON(t, sys.ep, "--regions", regions)
		if closed.Summary.NonCompliant != 0 {
			t.Fatalf("%s: after close: %+v", sys.name, closed.Summary)
		}

		// The product's conditional write: S3 itself refuses the taken key.
		if err := backup.PutS3(ctx(t), s3Client(sys.ep), s3Bucket, "runs/close-1.json", []byte("{}")); !errors.Is(err, backup.ErrExists) {
			t.Fatalf("%s: conditional put over an existing backup: %v, want ErrExists", sys.name, err)
		}

		r = run(t, sys.ep, "", nil, "restore", url, "--yes")
		if r.Code != 0 {
			t.Fatalf("%s: restore exit %d\n%s\n%s", sys.name, r.Code, r.Stdout, r.Stderr)
		}
		after, _ := auditJSON(t, sys.ep, "--regions", regions)
		nb, na := normalized(t, before, names), normalized(t, after, names)
		if nb != na {
			t.Fatalf("%s: restore from S3 did not give back the rules exactly:\nbefore:\n%s\nafter:\n%s", sys.name, nb, na)
		}

		// Closing again to the same key is refused before anything changes.
		r = run(t, sys.ep, "", nil, "close", "--regions", regions, "--yes", "--backup", url, "--accept-unknown", motoUnservedFinders)
		if r.Code != 2 || !strings.Contains(r.Stderr, "already exists") {
			t.Fatalf("%s: second close to %s: exit %d, want 2 (already exists)\n%s", sys.name, url, r.Code, r.Stderr)
		}
		again, _ := auditJSON(t, sys.ep, "--regions", regions)
		if got := normalized(t, again, names); got != nb {
			t.Fatalf("%s: a refused close changed rules:\n%s", sys.name, got)
		}
		if again, _ := backup.GetS3(ctx(t), s3Client(sys.ep), s3Bucket, "runs/close-1.json"); string(again) != string(data) {
			t.Fatalf("%s: the backup object was replaced", sys.name)
		}
		views[sys.name] = []string{nb, normalized(t, closed, names)}
	}
	for name, v := range views {
		for i := range v {
			v[i] = groupPeerDesc.ReplaceAllString(v[i], `peer=group:$1 desc=""`)
		}
		views[name] = v
	}
	if !reflect.DeepEqual(views["simulator"], views["moto"]) {
		t.Fatalf("simulator and moto disagree:\nsimulator:\n%s\n\nmoto:\n%s", views["simulator"], views["moto"])
	}
}

// TestCloseS3BackupDeniedRevokesNothing: without s3:PutObject close stops
// before any revoke, and the error names account, region, operation and
// bucket.
func TestCloseS3BackupDeniedRevokesNothing(t *testing.T) {
	ep := startSim(t, s3Scenario)
	names := seed(t, ep, false)
	before, _ := auditJSON(t, ep, "--regions", "us-east-1")
	ep.Sim.ResetCalls() // seeding revoked rules itself
	ep.Sim.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Service: "s3", Action: "PutObject"}}})
	r := run(t, ep, "", nil, "close", "--regions", "us-east-1", "--yes", "--backup", "s3://"+s3Bucket+"/x/", "--accept-unknown", motoUnservedFinders)
	if r.Code == 0 {
		t.Fatalf("close succeeded without s3:PutObject\n%s", r.Stderr)
	}
	mustContain(t, "stderr", r.Stderr, "account 123456789012", "region us-east-1", "s3:PutObject s3://"+s3Bucket+"/x/defaultsg-backup-123456789012-",
		"AccessDenied", "nothing changed")
	after, _ := auditJSON(t, ep, "--regions", "us-east-1")
	if normalized(t, before, names) != normalized(t, after, names) {
		t.Fatal("rules changed although the backup could not be written")
	}
	for _, c := range ep.Sim.Calls() {
		if strings.HasPrefix(c.Action, "Revoke") {
			t.Fatalf("%s called after a failed backup", c.Action)
		}
	}
	// A bucket that does not exist, and one in another region, are clear too.
	ep.Sim.SetFaults(sim.Faults{})
	r = run(t, ep, "", nil, "close", "--regions", "us-east-1", "--yes", "--backup", "s3://no-such-bucket-here/b.json", "--accept-unknown", motoUnservedFinders)
	mustContain(t, "stderr", r.Stderr, "NoSuchBucket", "bucket no-such-bucket-here does not exist")
	r = run(t, ep, "", nil, "close", "--regions", "us-east-1", "--yes", "--backup", "s3://"+s3Bucket+"/b.json", "--backup-region", "eu-west-1", "--accept-unknown", motoUnservedFinders)
	mustContain(t, "stderr", r.Stderr, "pass --backup-region us-east-1")
	// S3 flags without an s3:// backup, and a restore of a key that is not
	// there, are usage errors.
	r = run(t, ep, "", nil, "close", "--regions", "us-east-1", "--yes", "--backup-kms-key", "alias/k", "--accept-unknown", motoUnservedFinders)
	if r.Code != 2 || !strings.Contains(r.Stderr, "need --backup s3://") {
		t.Errorf("--backup-kms-key without s3://: exit %d\n%s", r.Code, r.Stderr)
	}
	r = run(t, ep, "", nil, "restore", "--yes", "s3://"+s3Bucket+"/never-written.json")
	if r.Code != 2 || !strings.Contains(r.Stderr, "NoSuchKey") || !strings.Contains(r.Stderr, "s3:GetObject s3://"+s3Bucket+"/never-written.json") {
		t.Errorf("restore of a missing key: exit %d\n%s", r.Code, r.Stderr)
	}
	if after, _ := auditJSON(t, ep, "--regions", "us-east-1"); normalized(t, before, names) != normalized(t, after, names) {
		t.Fatal("rules changed")
	}
}

// TestIAMPolicyCoversS3Backup: with --backup s3://…, every call close and
// restore make is in their policy (HeadObject is authorized by
// s3:GetObject), and the S3 actions are granted on the object only.
func TestIAMPolicyCoversS3Backup(t *testing.T) {
	ep := startSim(t, s3Scenario)
	seed(t, ep, false)
	url := "s3://" + s3Bucket + "/iam/b.json"
	for _, c := range []struct {
		command string
		args    []string
	}{
		{"close", []string{"close", "--regions", "us-east-1", "--yes", "--backup", url}},
		{"restore", []string{"restore", "--yes", url}},
	} {
		ep.Sim.ResetCalls()
		r := run(t, ep, "", nil, c.args...)
		if r.Code != 0 {
			t.Fatalf("%s: exit %d\n%s", c.command, r.Code, r.Stderr)
		}
		doc, err := iampolicy.Policy(c.command, services.Finders(), iampolicy.Options{Backup: url})
		if err != nil {
			t.Fatal(err)
		}
		s3Calls := 0
		for _, call := range ep.Sim.Calls() {
			action := call.Service + ":" + call.Action
			if action == "s3:HeadObject" {
				action = "s3:GetObject"
			}
			var resources []string
			for _, st := range doc.Statement {
				if slices.Contains(st.Action, action) {
					resources = append(resources, st.Resource...)
				}
			}
			if len(resources) == 0 {
				t.Errorf("%s called %s, which its IAM policy does not grant", c.command, action)
			}
			if call.Service == "s3" {
				s3Calls++
				if !slices.Equal(resources, []string{"arn:aws:s3:::" + s3Bucket + "/iam/b.json"}) {
					t.Errorf("%s: %s granted on %v, want the backup object only", c.command, action, resources)
				}
			}
		}
		if s3Calls == 0 {
			t.Errorf("%s made no S3 call", c.command)
		}
	}
}

// TestCloseS3BackupSurvivesSlowDown: S3 throttling (503 SlowDown) on the
// backup calls is retried; the backup is written once and close finishes.
func TestCloseS3BackupSurvivesSlowDown(t *testing.T) {
	ep := startSim(t, s3Scenario)
	seed(t, ep, false)
	ep.Sim.SetFaults(sim.Faults{ThrottleFirst: 4, ThrottleServices: []string{"s3"}})
	ep.Sim.ResetCalls()
	url := "s3://" + s3Bucket + "/slow/b.json"
	r := run(t, ep, "", nil, "close", "--regions", "us-east-1", "--yes", "--backup", url, "--accept-unknown", motoUnservedFinders)
	if r.Code != 0 {
		t.Fatalf("close exit %d\n%s", r.Code, r.Stderr)
	}
	slowDowns := 0
	for _, c := range ep.Sim.Calls() {
		if c.Service == "s3" && c.ErrorCode == "SlowDown" {
			slowDowns++
		}
	}
	if slowDowns != 4 {
		t.Errorf("%d SlowDown answers, want 4 (the fault did not reach the backup calls)", slowDowns)
	}
	if _, err := backup.LoadS3(ctx(t), backup.S3Store{API: s3Client(ep)}, backup.S3Location{Bucket: s3Bucket, Key: "slow/b.json"}); err != nil {
		t.Fatal(err)
	}
}
