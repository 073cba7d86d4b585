package backup

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/defaultsg/defaultsg/internal/testutil"
)

func TestParseS3URL(t *testing.T) {
	tests := []struct {
		in      string
		want    S3Location
		wantErr string
	}{
		{in: "s3://my-bucket/backups/b.json", want: S3Location{Bucket: "my-bucket", Key: "backups/b.json"}},
		{in: "s3://my-bucket/backups/", want: S3Location{Bucket: "my-bucket", Key: "backups/", Dir: true}},
		{in: "s3://my-bucket", want: S3Location{Bucket: "my-bucket", Dir: true}},
		{in: "s3://my-bucket/", want: S3Location{Bucket: "my-bucket", Dir: true}},
		{in: "s3://My_Bucket/k", wantErr: "bucket name"},
		{in: "s3://ab/k", wantErr: "bucket name"},
		{in: "s3://-bucket/k", wantErr: "bucket name"},
		{in: "s3://bucket/a//b", wantErr: "empty path segment"},
		{in: "s3://bucket/k?versionId=1", wantErr: "must not contain"},
		{in: "/tmp/b.json", wantErr: "not an s3:// URL"},
	}
	for _, tt := range tests {
		got, err := ParseS3URL(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: %+v %v, want %+v", tt.in, got, err, tt.want)
		}
	}
}

func newFakeS3() *testutil.FakeS3 { return testutil.NewFakeS3() }

// TestPutS3IsConditional: every put asks S3 for If-None-Match: *, and a
// taken key is ErrExists; the object is not replaced.
func TestPutS3IsConditional(t *testing.T) {
	f := newFakeS3()
	ctx := context.Background()
	if err := PutS3(ctx, f, "b", "k", []byte("one")); err != nil {
		t.Fatal(err)
	}
	err := PutS3(ctx, f, "b", "k", []byte("two"))
	if !errors.Is(err, ErrExists) {
		t.Fatalf("second put: %v, want ErrExists", err)
	}
	for _, in := range f.Puts {
		if aws.ToString(in.IfNoneMatch) != "*" {
			t.Errorf("put without If-None-Match: *")
		}
	}
	if got, _ := GetS3(ctx, f, "b", "k"); string(got) != "one" {
		t.Errorf("object now %q", got)
	}
}

func TestWriteS3RoundTripAndNumbering(t *testing.T) {
	f := newFakeS3()
	st := S3Store{API: f, Account: "111111111111", Region: "eu-west-1", KMSKeyID: "alias/backups"}
	ctx := context.Background()
	dir := S3Location{Bucket: "b", Key: "runs/", Dir: true}
	first, err := WriteS3(ctx, st, dir, "defaultsg-backup-1.json", sample())
	if err != nil {
		t.Fatal(err)
	}
	later := sample()
	later.CreatedAt = later.CreatedAt.Add(time.Second) // other bytes under the same name
	second, err := WriteS3(ctx, st, dir, "defaultsg-backup-1.json", later)
	if err != nil {
		t.Fatal(err)
	}
	if first != "s3://b/runs/defaultsg-backup-1.json" || second != "s3://b/runs/defaultsg-backup-1-2.json" {
		t.Fatalf("written %s then %s", first, second)
	}
	if in := f.Puts[0]; in.ServerSideEncryption != "aws:kms" || aws.ToString(in.SSEKMSKeyId) != "alias/backups" {
		t.Errorf("kms key not requested: %q %q", in.ServerSideEncryption, aws.ToString(in.SSEKMSKeyId))
	}
	d, err := LoadS3(ctx, st, S3Location{Bucket: "b", Key: "runs/defaultsg-backup-1.json"})
	if err != nil || d.RuleCount() != 3 {
		t.Fatalf("load: %v %+v", err, d)
	}
	// An explicit key is never renumbered.
	_, err = WriteS3(ctx, st, S3Location{Bucket: "b", Key: "runs/defaultsg-backup-1.json"}, "x", later)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "nothing changed") {
		t.Fatalf("explicit taken key: %v", err)
	}
}

// TestWriteS3RefusesDifferentReadBack: what S3 returns must be the bytes
// written, byte for byte, else WriteS3 fails (and close revokes nothing).
func TestWriteS3RefusesDifferentReadBack(t *testing.T) {
	tampers := map[string]func([]byte) []byte{
		"truncated":     func(b []byte) []byte { return b[:len(b)/2] },
		"one byte":      func(b []byte) []byte { c := bytes.Clone(b); c[len(c)-3] ^= 1; return c },
		"re-indented":   func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("  "), []byte(" ")) },
		"empty":         func([]byte) []byte { return nil },
		"trailing data": func(b []byte) []byte { return append(bytes.Clone(b), '\n') },
	}
	for name, tamper := range tampers {
		f := newFakeS3()
		f.Tamper = tamper
		_, err := WriteS3(context.Background(), S3Store{API: f}, S3Location{Bucket: "b", Key: "k.json"}, "", sample())
		if err == nil || !strings.Contains(err.Error(), "nothing changed") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestS3ErrorsNameWhere: an S3 error names account, region, operation and
// object; AccessDenied says which permissions the backup needs.
func TestS3ErrorsNameWhere(t *testing.T) {
	f := newFakeS3()
	f.PutErr = testutil.S3Error(http.StatusForbidden, "AccessDenied")
	err := S3Store{API: f, Account: "111111111111", Region: "eu-west-1"}.Put(context.Background(), "b", "k", []byte("x"))
	for _, want := range []string{"account 111111111111", "region eu-west-1", "s3:PutObject s3://b/k", "AccessDenied", "s3:PutObject and s3:GetObject on arn:aws:s3:::b/k"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not name %q", err, want)
		}
	}
	f.PutErr = testutil.S3Error(http.StatusNotFound, "NoSuchBucket")
	err = S3Store{API: f, Account: "111111111111", Region: "eu-west-1"}.Put(context.Background(), "b", "k", []byte("x"))
	if err == nil || !strings.Contains(err.Error(), "bucket b does not exist") {
		t.Errorf("NoSuchBucket: %v", err)
	}
}

func TestResolveS3Destination(t *testing.T) {
	d, err := ResolveDestination("s3://b-1/runs/", []string{"111111111111"}, sample().CreatedAt)
	if err != nil || d.S3 == nil || !d.S3.Dir || d.String() != "s3://b-1/runs/defaultsg-backup-111111111111-20261129T100000Z.json" {
		t.Fatalf("%+v %v", d, err)
	}
	if _, err := ResolveDestination("s3://B/k", nil, sample().CreatedAt); err == nil {
		t.Fatal("an invalid bucket name was accepted")
	}
}

// TestWriteS3RetriedPutIsOurs: a conditional put refused because of its own
// earlier attempt (lost answer, SDK retry) is a written backup; a key that
// holds other bytes is not.
func TestWriteS3RetriedPutIsOurs(t *testing.T) {
	f := newFakeS3()
	f.LostAnswer = true
	got, err := WriteS3(context.Background(), S3Store{API: f}, S3Location{Bucket: "b", Key: "k.json"}, "", sample())
	if err != nil || got != "s3://b/k.json" {
		t.Fatalf("lost answer: %q %v", got, err)
	}
	f = newFakeS3()
	f.Objects["b/k.json"] = []byte("someone else's")
	if _, err := WriteS3(context.Background(), S3Store{API: f}, S3Location{Bucket: "b", Key: "k.json"}, "", sample()); !errors.Is(err, ErrExists) {
		t.Fatalf("taken by other bytes: %v", err)
	}
}
