package guard

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

// fakeSNS records what would be published. The simulator serves no SNS, so
// the notifier's call is checked here, against the SDK's own input type.
type fakeSNS struct{ in []*sns.PublishInput }

func (f *fakeSNS) Publish(_ context.Context, in *sns.PublishInput, _ ...func(*sns.Options)) (*sns.PublishOutput, error) {
	f.in = append(f.in, in)
	return &sns.PublishOutput{MessageId: aws.String("m-1")}, nil
}

func TestSNSNotifierPublishesToTheTopicWithAValidSubject(t *testing.T) {
	f := &fakeSNS{}
	n := SNSNotifier{API: f, TopicARN: "arn:aws:sns:us-east-1:111111111111:guard"}
	long := strings.Repeat("s", 150)
	if err := n.Notify(context.Background(), long, "body"); err != nil {
		t.Fatal(err)
	}
	if len(f.in) != 1 || aws.ToString(f.in[0].TopicArn) != n.TopicARN || aws.ToString(f.in[0].Message) != "body" {
		t.Fatalf("%+v", f.in)
	}
	// SNS refuses subjects of 100 characters or more.
	if got := len(aws.ToString(f.in[0].Subject)); got >= 100 {
		t.Errorf("subject of %d characters", got)
	}
}

func TestLogBackupWritesOneJSONLinePerRecord(t *testing.T) {
	var b bytes.Buffer
	l := &LogBackup{W: &b}
	for _, id := range []string{"e-1", "e-2"} {
		if err := l.Write(context.Background(), Record{Schema: RecordSchema, EventID: id}); err != nil {
			t.Fatal(err)
		}
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%q", b.String())
	}
	var got struct {
		Backup Record `json:"defaultsg_guard_backup"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &got); err != nil || got.Backup.EventID != "e-2" || got.Backup.Schema != RecordSchema {
		t.Errorf("%+v %v", got, err)
	}
}
