package guard

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/testutil"
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

// The notifier's Publish, as the SDK serializes it, against moto's SNS: a
// message to a topic is accepted, one to a missing topic is refused.
func TestSNSNotifierAgainstMoto(t *testing.T) {
	url := testutil.StartMoto(t)
	cfg := awsx.StaticConfig(url, "us-east-1", "AKIAIOSFODNN7EXAMPLE", "x")
	api := sns.NewFromConfig(cfg)
	topic, err := api.CreateTopic(context.Background(), &sns.CreateTopicInput{Name: aws.String("security-alerts")})
	if err != nil {
		t.Fatal(err)
	}
	n := SNSNotifier{API: api, TopicARN: aws.ToString(topic.TopicArn)}
	if err := n.Notify(context.Background(), subject(Result{Action: Revoked, GroupID: "sg-0123456789abcdef0", Account: "123456789012", Region: "us-east-1"}),
		message(Result{Action: Revoked, EventName: "AuthorizeSecurityGroupIngress", GroupID: "sg-0123456789abcdef0"})); err != nil {
		t.Fatalf("publish: %v", err)
	}
	missing := SNSNotifier{API: api, TopicARN: "arn:aws:sns:us-east-1:123456789012:no-such-topic"}
	if err := missing.Notify(context.Background(), "s", "m"); err == nil || awsx.ErrorCode(err) != "NotFound" {
		t.Errorf("publish to a missing topic: %v (code %q)", err, awsx.ErrorCode(err))
	}
}
