package iampolicy

import "strings"

// GuardOptions are what the guard's role is narrowed to.
type GuardOptions struct {
	// LogGroupARN is the function's log group (the backup record is
	// written there).
	LogGroupARN string
	// TopicARN, when set, is the only topic the guard may publish to.
	TopicARN string
	// BackupBucket and BackupPrefix, when the bucket is set, are the only
	// place the guard may write backup objects.
	BackupBucket, BackupPrefix string
}

// Guard is the policy of the guard's Lambda role: read a group and its
// rules, revoke rules by id, write its log, and (when configured) publish to
// the one topic and put (and read back) backup objects under the one prefix. It has no
// Authorize action: the guard can only take rules away, and the backup
// record is how they come back (docs/GUARD.md).
func Guard(o GuardOptions) Document {
	gs := []grant{
		{sid: "ReadGroupsAndRules", actions: []string{"ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"}, resources: []string{"*"}},
		// Which group is a default group is decided by re-reading it: EC2
		// has no condition key for it (docs/IAM.md).
		{sid: "RevokeRulesAddedToDefaultGroups", actions: revoke, resources: []string{securityGroups}},
		{sid: "WriteLogAndBackupRecord", actions: []string{"logs:CreateLogStream", "logs:PutLogEvents"}, resources: []string{o.LogGroupARN + ":*"}},
	}
	if o.TopicARN != "" {
		gs = append(gs, grant{sid: "Notify", actions: []string{"sns:Publish"}, resources: []string{o.TopicARN}})
	}
	if o.BackupBucket != "" {
		// GetObject: the record is read back before anything is revoked
		// (and a duplicate event's object compared).
		gs = append(gs, grant{sid: "WriteBackupObjects", actions: []string{"s3:PutObject", "s3:GetObject"},
			resources: []string{"arn:aws:s3:::" + o.BackupBucket + "/" + strings.TrimPrefix(o.BackupPrefix, "/") + "*"}})
	}
	doc := Document{Version: "2012-10-17"}
	for _, g := range gs {
		doc.Statement = append(doc.Statement, Statement{Sid: g.sid, Effect: "Allow", Action: uniqueSorted(g.actions), Resource: g.resources})
	}
	return doc
}
