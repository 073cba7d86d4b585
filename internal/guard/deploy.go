package guard

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iampolicy"
)

// Environment variables the function reads (guard handle's flag defaults).
const (
	EnvMode         = "DEFAULTSG_GUARD_MODE"
	EnvTopicARN     = "DEFAULTSG_GUARD_TOPIC_ARN"
	EnvBackupBucket = "DEFAULTSG_GUARD_BACKUP_BUCKET"
	EnvBackupPrefix = "DEFAULTSG_GUARD_BACKUP_PREFIX"
)

// Deploy is what the rendered infrastructure is made of.
type Deploy struct {
	Mode         Mode
	Arch         string // arm64 or x86_64
	FunctionName string
	TopicARN     string // "" for no notification
	BackupBucket string // "" for the log only (S3 is wired with internal/backup)
	BackupPrefix string
	// LogRetentionDays keeps the function's log, which holds the backup
	// records.
	LogRetentionDays int
	// Lockdown also closes every VPC's default group at deploy time.
	Lockdown bool
	// Org: a StackSet over these organizational units and regions.
	OUs, Regions []string
}

// Architectures the function can be built for (Lambda's names).
var Architectures = []string{"arm64", "x86_64"}

// Check validates the options.
func (d Deploy) Check() error {
	if _, ok := ParseMode(string(d.Mode)); !ok {
		return fmt.Errorf("--mode %q: want enforce or report", d.Mode)
	}
	if d.Arch != "arm64" && d.Arch != "x86_64" {
		return fmt.Errorf("--arch %q: want arm64 or x86_64", d.Arch)
	}
	if d.FunctionName == "" || len(d.FunctionName) > 64 {
		return fmt.Errorf("--function-name must be 1 to 64 characters")
	}
	if d.TopicARN != "" && !strings.HasPrefix(d.TopicARN, "arn:") {
		return fmt.Errorf("--sns-topic-arn %q is not an ARN", d.TopicARN)
	}
	return nil
}

// EventPattern is the EventBridge rule's pattern: successful EC2 calls that
// can add a rule to a group, and CreateVpc. errorCode is filtered here too,
// though the handler checks it again.
func EventPattern() map[string]any {
	return map[string]any{
		"source":      []string{"aws.ec2"},
		"detail-type": []string{"AWS API Call via CloudTrail"},
		"detail": map[string]any{
			"eventSource": []string{"ec2.amazonaws.com"},
			"eventName":   EventNames,
			"errorCode":   []map[string]bool{{"exists": false}},
		},
	}
}

func (d Deploy) env() map[string]string {
	env := map[string]string{EnvMode: string(d.Mode)}
	if d.TopicARN != "" {
		env[EnvTopicARN] = d.TopicARN
	}
	if d.BackupBucket != "" {
		env[EnvBackupBucket], env[EnvBackupPrefix] = d.BackupBucket, d.BackupPrefix
	}
	return env
}

// policy is the role's policy with the log group given in the renderer's
// own syntax.
func (d Deploy) policy(logGroupARN string) iampolicy.Document {
	return iampolicy.Guard(iampolicy.GuardOptions{LogGroupARN: logGroupARN, TopicARN: d.TopicARN,
		BackupBucket: d.BackupBucket, BackupPrefix: d.BackupPrefix})
}

func toJSON(v any) string {
	b, _ := json.Marshal(v) // maps, slices and strings of ours: cannot fail
	return string(b)
}
