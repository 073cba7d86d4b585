package guard

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/sgrule"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

// newFakeS3: S3Backup has no need of HeadObject.
func newFakeS3() *testutil.FakeS3 {
	f := testutil.NewFakeS3()
	f.NoHead = true
	return f
}

func testRecord() Record {
	ev := Event{ID: "1091b24b-5b58-4010-a065-4fd069c06872", Name: "AuthorizeSecurityGroupIngress", Account: account, Region: "us-east-1"}
	return NewRecord("2026-11-30T21:00:00Z", ev, "vpc-0a1b2c3d", "sg-0a1b2c3d",
		[]sgrule.Rule{{RuleID: "sgr-0123", Protocol: "tcp", FromPort: 22, ToPort: 22, CidrIPv4: "0.0.0.0/0"}})
}

func TestS3BackupWritesTheRecordConditionallyUnderItsKey(t *testing.T) {
	f := newFakeS3()
	s := S3Backup{Store: backup.S3Store{API: f}, Bucket: "guard-backups", Prefix: "defaultsg-guard"}
	rec := testRecord()
	if err := s.Write(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	if len(f.Puts) != 1 || aws.ToString(f.Puts[0].IfNoneMatch) != "*" || aws.ToString(f.Puts[0].Bucket) != "guard-backups" {
		t.Fatalf("puts %+v", f.Puts)
	}
	key := aws.ToString(f.Puts[0].Key)
	want := "defaultsg-guard/" + account + "/us-east-1/sg-0a1b2c3d/1091b24b-5b58-4010-a065-4fd069c06872-"
	if !strings.HasPrefix(key, want) || !strings.HasSuffix(key, ".json") || len(key) != len(want)+16+len(".json") {
		t.Errorf("key %s, want %s<16 hex>.json", key, want)
	}
	// The object is the log line, byte for byte.
	var line bytes.Buffer
	if err := (&LogBackup{W: &line}).Write(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	if got := f.Objects["guard-backups/"+key]; !bytes.Equal(got, line.Bytes()) {
		t.Errorf("object\n%s\nlog line\n%s", got, line.Bytes())
	}
	if f.Gets != 1 {
		t.Errorf("%d reads back, want 1", f.Gets)
	}
}

// A duplicate event writes the same record to the same key: S3 refuses the
// second put (412) and the object already holds exactly these bytes, which
// is success; one object either way.
func TestS3BackupDuplicateRecordIsIdempotent(t *testing.T) {
	f := newFakeS3()
	s := S3Backup{Store: backup.S3Store{API: f}, Bucket: "guard-backups", Prefix: "p/"}
	for i := 0; i < 2; i++ {
		if err := s.Write(context.Background(), testRecord()); err != nil {
			t.Fatalf("write %d: %v", i+1, err)
		}
	}
	if len(f.Objects) != 1 || len(f.Puts) != 2 {
		t.Errorf("%d objects after %d puts, want 1 after 2", len(f.Objects), len(f.Puts))
	}
	// Another record of the same event (fewer rules: a retry after a
	// revoke that failed half way) is kept beside it, not conflicting.
	other := testRecord()
	other.Rules, other.RestoreIngress = nil, nil
	if err := s.Write(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	if len(f.Objects) != 2 {
		t.Errorf("%d objects, want 2", len(f.Objects))
	}
}

// A taken key holding other bytes is an error, and the object is left as it is.
func TestS3BackupNeverOverwritesADifferentObject(t *testing.T) {
	f := newFakeS3()
	s := S3Backup{Store: backup.S3Store{API: f}, Bucket: "guard-backups"}
	rec := testRecord()
	body, _ := RecordBody(rec)
	key := "guard-backups/" + s.Key(rec, body)
	f.Objects[key] = []byte("someone else's object\n")
	err := s.Write(context.Background(), rec)
	if err == nil || !strings.Contains(err.Error(), "already holds a different object") || !strings.Contains(err.Error(), "not overwritten") {
		t.Fatalf("err %v", err)
	}
	mustMention(t, err, "account "+account, "region us-east-1", "s3://"+key)
	if string(f.Objects[key]) != "someone else's object\n" {
		t.Errorf("the object was replaced: %q", f.Objects[key])
	}
}

func TestS3BackupReadBackMismatchIsAnError(t *testing.T) {
	f := newFakeS3()
	f.Tamper = func(b []byte) []byte { return b[:len(b)-2] }
	s := S3Backup{Store: backup.S3Store{API: f}, Bucket: "guard-backups"}
	err := s.Write(context.Background(), testRecord())
	if err == nil || !strings.Contains(err.Error(), "reads back different") {
		t.Fatalf("err %v", err)
	}
	mustMention(t, err, "account "+account, "region us-east-1", "s3:GetObject", "s3://guard-backups/"+account+"/us-east-1/sg-0a1b2c3d/")
}

func TestS3BackupAccessDeniedNamesWhereAndWhat(t *testing.T) {
	f := newFakeS3()
	f.PutErr = testutil.S3Error(http.StatusForbidden, "AccessDenied")
	s := S3Backup{Store: backup.S3Store{API: f, Region: "eu-west-1"}, Bucket: "guard-backups", Prefix: "/g/"}
	err := s.Write(context.Background(), testRecord())
	if err == nil {
		t.Fatal("no error")
	}
	// The store's own region (the bucket's) is kept; the account is the record's.
	mustMention(t, err, "account "+account, "region eu-west-1", "s3:PutObject", "s3://guard-backups/g/"+account+"/", "AccessDenied")
	if f.Gets != 0 {
		t.Errorf("read back after a refused put")
	}
}

func TestNormalizePrefixAndKeyParts(t *testing.T) {
	for in, want := range map[string]string{"": "", "/": "", "guard": "guard/", "/guard/": "guard/", "a/b": "a/b/"} {
		if got := NormalizePrefix(in); got != want {
			t.Errorf("NormalizePrefix(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"lockdown-us-east-1": "lockdown-us-east-1", "a/b c": "a_b_c", "": "_", "..": "_"} {
		if got := keyPart(in); got != want {
			t.Errorf("keyPart(%q) = %q, want %q", in, got, want)
		}
	}
}

func mustMention(t *testing.T, err error, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error does not mention %q: %v", p, err)
		}
	}
}
