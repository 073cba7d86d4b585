// Package guard keeps VPC default security groups closed after close has
// emptied them: an EventBridge rule on CloudTrail's record of
// AuthorizeSecurityGroupIngress/Egress, ModifySecurityGroupRules and
// CreateVpc invokes a Lambda function running this binary (`guard handle`),
// which re-reads the group, and when it is a VPC's default group revokes
// exactly the rules the call added (or, for a new VPC, the rules AWS gave
// its default group), after writing them to a backup record.
//
// The event only names a group: whether it is a default group is decided by
// re-reading it (GroupName "default"), never from the event. Nothing is
// revoked that is not both named by the event and still there, so a
// duplicate or late event revokes nothing.
package guard

// Mode is what the handler does with a rule added to a default group.
type Mode string

const (
	// Enforce revokes the rules (after the backup record is written) and
	// notifies.
	Enforce Mode = "enforce"
	// Report only notifies; it never revokes.
	Report Mode = "report"
)

// ParseMode validates a mode name.
func ParseMode(s string) (Mode, bool) {
	switch Mode(s) {
	case Enforce, Report:
		return Mode(s), true
	}
	return "", false
}

// EventNames are the CloudTrail events the rule matches. The rule cannot
// tell a default group from another: the handler checks.
var EventNames = []string{
	"AuthorizeSecurityGroupIngress",
	"AuthorizeSecurityGroupEgress",
	"ModifySecurityGroupRules",
	"CreateVpc",
}
