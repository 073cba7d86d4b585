package closer

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
)

// lyingS3 stores what is put and, when flip is set, answers GetObject
// with one byte changed: a backup that does not read back as written.
type lyingS3 struct {
	objects map[string][]byte
	flip    bool
}

func (l *lyingS3) PutObject(_ context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	b, _ := io.ReadAll(in.Body)
	l.objects[aws.ToString(in.Key)] = b
	return &s3.PutObjectOutput{}, nil
}

func (l *lyingS3) GetObject(_ context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	b := bytes.Clone(l.objects[aws.ToString(in.Key)])
	if l.flip {
		b[len(b)/2] ^= 0x20
	}
	return &s3.GetObjectOutput{Body: io.NopCloser(bytes.NewReader(b))}, nil
}

func (l *lyingS3) HeadObject(context.Context, *s3.HeadObjectInput, ...func(*s3.Options)) (*s3.HeadObjectOutput, error) {
	return &s3.HeadObjectOutput{}, nil
}

// TestExecuteS3BackupMustReadBack: with an S3 backup that reads back
// different, Execute revokes nothing; when it reads back the same, it
// revokes.
func TestExecuteS3BackupMustReadBack(t *testing.T) {
	for _, flip := range []bool{true, false} {
		f := &fakeEC2{t: t, rules: map[string]bool{"in-1": false, "in-2": false, "eg-1": true}}
		store := &lyingS3{objects: map[string][]byte{}, flip: flip}
		scope := awsx.Scope{Accounts: []awsx.Account{{ID: "1", Regions: []string{"r"}}}}
		plan := Plan{Items: []Item{{Group: group(), Decision: DecisionClose}}}
		g := plan.Items[0].Group
		g.GroupName = "default"
		for i := range g.Rules {
			g.Rules[i].Protocol, g.Rules[i].FromPort, g.Rules[i].ToPort, g.Rules[i].CidrIPv4 = "-1", -1, -1, "0.0.0.0/0"
		}
		plan.Items[0].Group = g
		res, err := Execute(context.Background(), scope, plan, ExecOptions{
			Backup: backup.Destination{S3: &backup.S3Location{Bucket: "b", Key: "k.json"}},
			S3:     backup.S3Store{API: store, Account: "1", Region: "r"},
			Now:    time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), Concurrency: 1,
			NewEC2: func(aws.Config) RevokeAPI { return f },
		})
		switch {
		case flip && (err == nil || !strings.Contains(err.Error(), "reads back different")):
			t.Errorf("tampered read-back: err %v", err)
		case flip && len(f.calls) > 0:
			t.Errorf("revoked after a failed read-back: %v", f.calls)
		case !flip && (err != nil || res.BackupPath != "s3://b/k.json" || len(f.rules) != 0):
			t.Errorf("good backup: err %v, backup %q, rules left %v", err, res.BackupPath, f.rules)
		}
	}
}
