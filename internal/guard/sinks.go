package guard

import (
	"context"
	"io"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/defaultsg/defaultsg/internal/sgrule"
)

// RecordSchema versions the backup record.
const RecordSchema = "defaultsg.guard.backup/v1"

// Record is the backup of the rules one event made the handler revoke,
// written before the revoke call: enough to put them back exactly
// (docs/GUARD.md, "Restoring").
type Record struct {
	Schema    string        `json:"schema"`
	Time      string        `json:"time"`
	EventID   string        `json:"event_id"`
	EventName string        `json:"event_name"`
	Actor     string        `json:"actor,omitempty"`
	Account   string        `json:"account"`
	Region    string        `json:"region"`
	VpcID     string        `json:"vpc_id"`
	GroupID   string        `json:"group_id"`
	Rules     []sgrule.Rule `json:"rules"`
	// The same rules as --ip-permissions for the AWS CLI's
	// authorize-security-group-ingress/egress.
	RestoreIngress []IPPermission `json:"restore_ingress,omitempty"`
	RestoreEgress  []IPPermission `json:"restore_egress,omitempty"`
}

// NewRecord builds the record of rules about to be revoked from a group.
func NewRecord(time string, ev Event, vpcID, groupID string, rules []sgrule.Rule) Record {
	in, eg := restorePermissions(rules)
	return Record{Schema: RecordSchema, Time: time, EventID: ev.ID, EventName: ev.Name, Actor: ev.Actor,
		Account: ev.Account, Region: ev.Region, VpcID: vpcID, GroupID: groupID, Rules: rules,
		RestoreIngress: in, RestoreEgress: eg}
}

// BackupWriter keeps a record durably; Write returns only once it is kept.
// The handler never revokes a rule whose record was not written.
type BackupWriter interface {
	Write(ctx context.Context, r Record) error
}

// LogBackup writes each record as one JSON line (in Lambda: the function's
// CloudWatch log). It is always on; S3 is added beside it when configured.
type LogBackup struct {
	mu sync.Mutex
	W  io.Writer
}

func (l *LogBackup) Write(_ context.Context, r Record) error {
	b, err := RecordBody(r)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	_, err = l.W.Write(b)
	return err
}

// Backups writes to every writer, in order, stopping at the first failure.
type Backups []BackupWriter

func (bs Backups) Write(ctx context.Context, r Record) error {
	for _, b := range bs {
		if err := b.Write(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// Notifier tells people what the handler did.
type Notifier interface {
	Notify(ctx context.Context, subject, message string) error
}

// PublishAPI is the one SNS call the notifier makes.
type PublishAPI interface {
	Publish(ctx context.Context, in *sns.PublishInput, optFns ...func(*sns.Options)) (*sns.PublishOutput, error)
}

// SNSNotifier publishes to a topic.
type SNSNotifier struct {
	API      PublishAPI
	TopicARN string
}

func (n SNSNotifier) Notify(ctx context.Context, subject, message string) error {
	if len(subject) > 99 { // SNS: a subject is "less than 100 characters long"
		subject = subject[:99]
	}
	_, err := n.API.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(n.TopicARN),
		Subject: aws.String(subject), Message: aws.String(message)})
	return err
}
