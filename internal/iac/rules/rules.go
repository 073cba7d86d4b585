// Package rules holds the scanner's checks: plain functions over the parsed
// templates and Terraform files, listed once in All. Each rule has a stable
// id, a severity, documentation and good/bad examples under
// testdata/<RULE-ID>/ that run as tests.
package rules

import (
	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// Rule is one check. Check receives the whole workspace because references
// cross files (nested stacks, exports, Terraform modules).
type Rule struct {
	ID       string
	Name     string
	Severity model.Severity
	Summary  string
	Fix      string
	Check    func(w *Workspace, r *Rule) []model.Finding
}

// IDs of rules and of the scanner's own suppression check.
const (
	IDBadSuppression   = "DSG000"
	IDHasRules         = "DSG001"
	IDAttached         = "DSG002"
	IDPeer             = "DSG003"
	IDExported         = "DSG004"
	IDLockdownDisabled = "DSG005"
	IDLockdown         = "DSG006"
	IDNoGroups         = "DSG007"
	IDLockdownMissing  = "DSG008"
	IDLookup           = "DSG009"
	IDReferenced       = "DSG010"
	IDReservedName     = "DSG011"
)

// IsPass reports whether a rule's findings are passes (a lockdown that is
// present) rather than problems or notes.
func IsPass(id string) bool { return id == IDLockdown }

// All returns the rules in id order. It builds a fresh table each call so
// that no caller can change another's rules.
func All() []Rule {
	return []Rule{
		{ID: IDBadSuppression, Name: "invalid-suppression", Severity: model.Low,
			Summary: "A defaultsg:ignore comment names no reason or an unknown rule, so it suppresses nothing.",
			Fix:     "Write `# defaultsg:ignore DSG00N why this is acceptable` on the line of the finding or the line above the resource."},
		{ID: IDHasRules, Name: "default-sg-has-rules", Severity: model.High, Check: checkHasRules,
			Summary: "The template adds ingress or egress rules to a VPC's default security group (Security Hub EC2.2 fails).",
			Fix:     "Put the rules on a dedicated security group and leave the default group empty (Terraform: aws_default_security_group with no ingress/egress)."},
		{ID: IDAttached, Name: "default-sg-attached", Severity: model.Medium, Check: checkAttached,
			Summary: "A resource is placed in a VPC's default security group; closing the group (EC2.2) cuts its traffic.",
			Fix:     "Create a dedicated security group for the resource and reference it instead of the default group."},
		{ID: IDPeer, Name: "default-sg-peer", Severity: model.Medium, Check: checkPeer,
			Summary: "Another group's rule names the default security group as its source or destination, which keeps members in the default group.",
			Fix:     "Reference the dedicated group the peers now use instead of the default group."},
		{ID: IDExported, Name: "default-sg-exported", Severity: model.Low, Check: checkExported,
			Summary: "The default security group id is an output (CloudFormation Outputs, exported or not; Terraform root output; CDK CfnOutput) for other stacks to use.",
			Fix:     "Export a dedicated security group instead; importers would otherwise join the default group."},
		{ID: IDLockdownDisabled, Name: "default-sg-lockdown-disabled", Severity: model.Medium, Check: checkLockdownDisabled,
			Summary: "A lockdown of the default group is switched off (manage_default_security_group = false, CDK restrictDefaultSecurityGroup: false).",
			Fix:     "Turn the lockdown on: manage_default_security_group = true with empty rule lists; CDK restrictDefaultSecurityGroup: true."},
		{ID: IDLockdown, Name: "default-sg-lockdown", Severity: model.Info, Check: checkLockdown,
			Summary: "Pass: the default group is locked down (rule-free aws_default_security_group, VPC module lockdown, CDK restrict custom resource).",
			Fix:     "Nothing to do."},
		{ID: IDNoGroups, Name: "no-security-group", Severity: model.Low, Check: checkNoGroups,
			Summary: "A resource that takes security groups specifies none, so AWS places it in the default group.",
			Fix:     "Give the resource a dedicated security group."},
		{ID: IDLockdownMissing, Name: "default-sg-lockdown-missing", Severity: model.Low, Check: checkLockdownMissing,
			Summary: "A Terraform aws_vpc has no aws_default_security_group, so its default group keeps AWS's allow rules.",
			Fix:     "Add `resource \"aws_default_security_group\" \"x\" { vpc_id = aws_vpc.x.id }` with no rules."},
		{ID: IDLookup, Name: "default-sg-lookup", Severity: model.Low, Check: checkLookup,
			Summary: "A Terraform data source looks up a VPC's default security group (name or group-name filter \"default\"); whatever uses it, possibly outside the scanned tree, uses the default group.",
			Fix:     "Look up the dedicated group the resources should use instead."},
		{ID: IDReferenced, Name: "default-sg-referenced", Severity: model.Info, Check: checkReferenced,
			Summary: "The default security group's id is built into a longer string, such as an IAM policy Resource ARN: not a placement, but a reference to know about before closing the group.",
			Fix:     "Nothing to fix for EC2.2; point the ARN at the dedicated group if the policy is for the workload."},
		{ID: IDReservedName, Name: "reserved-group-name", Severity: model.High, Check: checkReservedName,
			Summary: "A CloudFormation AWS::EC2::SecurityGroup is named \"default\", which AWS reserves (InvalidGroup.Reserved): the stack cannot deploy.",
			Fix:     "Give the group another name, or leave GroupName out."},
	}
}

// Workspace is everything one scan parsed, indexed for reference lookups.
type Workspace struct {
	Templates []*model.Template
	TFFiles   []*model.TFFile
	// Sources are CDK app source files; set after NewWorkspace.
	Sources []*model.SourceFile
	cfn     *cfnIndex
	tf      *tfIndex
}

// NewWorkspace indexes the parsed files.
func NewWorkspace(templates []*model.Template, tf []*model.TFFile) *Workspace {
	return &Workspace{Templates: templates, TFFiles: tf, cfn: newCFNIndex(templates), tf: newTFIndex(tf)}
}

// Run applies every rule and returns the findings unsorted.
func Run(w *Workspace) []model.Finding {
	var out []model.Finding
	rules := All()
	for i := range rules {
		if rules[i].Check != nil {
			out = append(out, rules[i].Check(w, &rules[i])...)
		}
	}
	return out
}

// at builds a finding of rule r.
func (r *Rule) at(pos, resPos model.Pos, resource, path, msg string, h hit) model.Finding {
	return model.Finding{
		RuleID: r.ID, Severity: r.Severity, Pos: pos, ResourcePos: resPos, Resource: resource,
		Path: path, Message: msg, Fix: r.Fix, Target: h.target, Via: h.via,
	}
}

// hit is a successful resolution to a default group: which VPC (or module)
// owns it, and the chain of references that led there.
type hit struct {
	target string
	via    []string
}

func (h hit) prepend(step string) hit {
	return hit{target: h.target, via: append([]string{step}, h.via...)}
}
