// Package iampolicy derives the least-privilege IAM policy of each command
// from what the code calls: the base reads every command makes, the
// finders' and movers' own IAM lists (internal/services), and the writes of
// close, restore, apply and rollback.
//
// Reads go on Resource "*": AWS's Describe/List/Get actions mostly support
// no resource-level permission. Every write is narrowed as far as AWS
// allows: to its resource type, to the groups apply creates (tag
// defaultsg:replaces) where the call acts on those only, and to the run's
// regions. docs/IAM.md lists what cannot be narrowed and why.
package iampolicy

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/defaultsg/defaultsg/internal/aggregator"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// Commands that have a policy.
var Commands = []string{"audit", "usage", "close", "restore", "plan", "apply", "rollback", "verify", "all"}

// ReplacesTag is the tag apply puts on the groups it creates.
const ReplacesTag = "defaultsg:replaces"

const (
	securityGroups = "arn:aws:ec2:*:*:security-group/*"
	groupRules     = "arn:aws:ec2:*:*:security-group-rule/*"
	vpcs           = "arn:aws:ec2:*:*:vpc/*"
)

var (
	identity = []string{"sts:GetCallerIdentity", "ec2:DescribeRegions"}
	// --org lists the organization's accounts and assumes a role in each.
	organization = []string{"organizations:ListAccounts", "organizations:ListAccountsForParent",
		"organizations:ListOrganizationalUnitsForParent", "sts:AssumeRole"}
	inventory = []string{"ec2:DescribeVpcs", "ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"}
	revoke    = []string{"ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"}
	authorize = []string{"ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress"}
	describe  = []string{"ec2:UpdateSecurityGroupRuleDescriptionsIngress", "ec2:UpdateSecurityGroupRuleDescriptionsEgress"}
	// verify compares flows through each moved interface and reads AWS
	// Config's evaluation of the EC2.2 rule.
	verifyReads = []string{"ec2:DescribeNetworkInterfaces", "config:GetComplianceDetailsByConfigRule"}
)

// grant is one statement before rendering.
type grant struct {
	sid       string
	actions   []string
	resources []string
	condition map[string]map[string]any
	// global: the action is not regional (STS, Organizations), so no region
	// condition applies to it.
	global bool
}

// Options narrow a policy further.
type Options struct {
	// Regions, when set, are the only regions the policy allows calls in
	// (aws:RequestedRegion).
	Regions []string
	// Org adds what --org needs: listing the organization's accounts and
	// assuming the role in each.
	Org bool
	// Backup, an s3:// URL, adds writing (close) and reading (restore) the
	// backup object; BackupKMSKey the key that encrypts it.
	Backup       string
	BackupKMSKey string
	// SecurityHub adds what --from-securityhub and verify --securityhub
	// read: Security Hub's findings (GetFindings supports no resource-level
	// permission, so Resource "*").
	SecurityHub bool
	// Inventory adds what --inventory config:NAME needs in the caller's
	// account: the aggregator's advanced queries and its sources' status.
	Inventory bool
}

// securityHubCommands take --from-securityhub (verify: --securityhub).
var securityHubCommands = []string{"audit", "usage", "plan", "close", "verify", "all"}

// grants returns what command needs, given the finders.
func grants(command string, finders []usage.Finder, o Options) ([]grant, error) {
	var finderReads []string
	for _, f := range finders {
		finderReads = append(finderReads, f.IAM...)
	}
	moverReads, moverWrites := moverGrants()
	tagged := map[string]map[string]any{"Null": {"aws:ResourceTag/" + ReplacesTag: "false"}}
	base := []grant{
		{sid: "Identity", actions: identity[:1], resources: []string{"*"}, global: true},
		{sid: "Inventory", actions: append(identity[1:2:2], inventory...), resources: []string{"*"}},
	}
	if o.Org {
		base = append(base, grant{sid: "Organization", actions: organization, resources: []string{"*"}, global: true})
	}
	reads := func(sid string, actions ...[]string) grant {
		return grant{sid: sid, actions: slices.Concat(actions...), resources: []string{"*"}}
	}
	if o.Inventory && (command == "usage" || command == "plan" || command == "all") {
		// The aggregator lives in one region, which --regions need not
		// name (--inventory config:NAME@REGION): no region condition.
		base = append(base, grant{sid: "ConfigAggregator", actions: aggregator.IAM, resources: []string{"*"}, global: true})
		// Each account-region's recorder says what the aggregator holds there.
		finderReads = append(finderReads, aggregator.RecorderIAM...)
	}
	createReplacement := []grant{
		{sid: "CreateReplacementGroupsInVPCs", actions: []string{"ec2:CreateSecurityGroup"}, resources: []string{vpcs}},
		{sid: "CreateReplacementGroupsTagged", actions: []string{"ec2:CreateSecurityGroup"}, resources: []string{securityGroups},
			condition: map[string]map[string]any{"Null": {"aws:RequestTag/" + ReplacesTag: "false"}}},
		{sid: "TagReplacementGroupsOnCreate", actions: []string{"ec2:CreateTags"}, resources: []string{securityGroups},
			condition: map[string]map[string]any{"StringEquals": {"ec2:CreateAction": "CreateSecurityGroup"}}},
		// The replacement's rules, and copies naming it in the groups that
		// reference the default group (those are not ours: any group).
		{sid: "AddRulesToReplacementsAndReferencingGroups", actions: authorize, resources: []string{securityGroups, groupRules}},
		// Only the rules AWS adds to a new group (allow-all egress).
		{sid: "TrimNewReplacementGroups", actions: revoke, resources: []string{securityGroups}, condition: tagged},
	}
	var g []grant
	switch command {
	case "audit":
		g = base
	case "usage", "plan":
		g = append(base, reads("FindUsers", finderReads))
	case "close":
		g = append(base, reads("FindUsers", finderReads),
			grant{sid: "RevokeDefaultGroupRules", actions: revoke, resources: []string{securityGroups}})
	case "restore":
		g = append(base, grant{sid: "RestoreDefaultGroupRules", actions: slices.Concat(authorize, describe), resources: []string{securityGroups, groupRules}})
	case "apply":
		g = slices.Concat(base, []grant{reads("FindUsers", finderReads, moverReads)}, createReplacement, moverWrites)
	case "rollback":
		g = slices.Concat(base, []grant{reads("ReadMovedUsers", moverReads),
			// The copies apply added to referencing groups (any group).
			{sid: "RemoveReferenceCopies", actions: revoke, resources: []string{securityGroups}},
			{sid: "DeleteReplacementGroups", actions: []string{"ec2:DeleteSecurityGroup"}, resources: []string{securityGroups}, condition: tagged}},
			moverWrites)
	case "verify":
		// verify also lists who is still on a default group: the finders.
		g = append(base, reads("ReadUsers", finderReads, moverReads, verifyReads))
	case "all":
		g = slices.Concat(base, []grant{reads("FindUsers", finderReads, moverReads, verifyReads),
			{sid: "RevokeDefaultGroupRulesAndReferenceCopies", actions: revoke, resources: []string{securityGroups}},
			{sid: "RestoreDefaultGroupRules", actions: slices.Concat(authorize, describe), resources: []string{securityGroups, groupRules}},
			{sid: "DeleteReplacementGroups", actions: []string{"ec2:DeleteSecurityGroup"}, resources: []string{securityGroups}, condition: tagged}},
			createReplacement[:3], moverWrites)
	default:
		return nil, fmt.Errorf("no policy for %q (want one of %s)", command, strings.Join(Commands, ", "))
	}
	if o.SecurityHub {
		if !slices.Contains(securityHubCommands, command) {
			return nil, fmt.Errorf("%s reads no Security Hub finding (--securityhub applies to %s)", command, strings.Join(securityHubCommands, ", "))
		}
		g = append(g, grant{sid: "ReadSecurityHubFindings", actions: []string{"securityhub:GetFindings"}, resources: []string{"*"}})
	}
	s3g, err := s3BackupGrants(command, o)
	if err != nil {
		return nil, err
	}
	return append(g, s3g...), nil
}

// s3BackupGrants: close writes the backup object (conditional PutObject)
// and reads it back (GetObject, HeadObject is covered by it); restore
// reads it. Only that object, or the objects under a prefix ending in /.
// They are global: the bucket's region need not be a run region.
func s3BackupGrants(command string, o Options) ([]grant, error) {
	if o.Backup == "" {
		if o.BackupKMSKey != "" {
			return nil, fmt.Errorf("--backup-kms-key needs --backup s3://BUCKET/KEY")
		}
		return nil, nil
	}
	loc, err := backup.ParseS3URL(o.Backup)
	if err != nil {
		return nil, err
	}
	var actions, kms []string
	switch command {
	case "close":
		actions, kms = []string{"s3:PutObject", "s3:GetObject"}, []string{"kms:GenerateDataKey", "kms:Decrypt"}
	case "restore":
		actions, kms = []string{"s3:GetObject"}, []string{"kms:Decrypt"}
	case "all":
		actions, kms = []string{"s3:PutObject", "s3:GetObject"}, []string{"kms:GenerateDataKey", "kms:Decrypt"}
	default:
		return nil, nil
	}
	out := []grant{{sid: "BackupInS3", actions: actions, resources: []string{loc.ARN()}, global: true}}
	if o.BackupKMSKey != "" {
		g := grant{sid: "BackupKMSKey", actions: kms, resources: []string{o.BackupKMSKey}, global: true}
		if !strings.HasPrefix(o.BackupKMSKey, "arn:") {
			// A key id or alias is no resource ARN: any key, used by S3 only.
			g.resources = []string{"*"}
			g.condition = map[string]map[string]any{"StringLike": {"kms:ViaService": "s3.*.amazonaws.com"}}
		}
		out = append(out, g)
	}
	return out, nil
}

// moverGrants splits the movers' actions into reads (on "*") and, per
// service, writes on the resource types the movers declare.
func moverGrants() (reads []string, writes []grant) {
	bySvc := map[string]*grant{}
	var order, passTo []string
	for _, s := range services.All {
		for _, d := range s.Kinds {
			m := d.Mover
			if d.Refresh != nil {
				// apply --refresh: granted with the movers, on the
				// refresher's own resources.
				m = &svc.Mover{IAM: d.Refresh.IAM, ARNs: d.Refresh.ARNs}
				if d.Mover != nil {
					m.IAM, m.ARNs = append(append([]string{}, d.Mover.IAM...), d.Refresh.IAM...), append(append([]string{}, d.Mover.ARNs...), d.Refresh.ARNs...)
					m.PassRoleTo = d.Mover.PassRoleTo
				}
			}
			if m == nil {
				continue
			}
			if m.PassRoleTo != "" && !slices.Contains(passTo, m.PassRoleTo) {
				passTo = append(passTo, m.PassRoleTo)
			}
			for _, a := range m.IAM {
				if isRead(a) {
					reads = append(reads, a)
					continue
				}
				key, sid := s.Name, "Move"+sidWord(s.Name)+"Users"
				if anyResource(m) {
					// AWS has no resource-level permission for it: a
					// statement of its own, so that the service's other
					// writes stay on their resource types.
					key, sid = s.Name+" *", sid+"OnAnyResource"
				}
				w := bySvc[key]
				if w == nil {
					w = &grant{sid: sid}
					bySvc[key] = w
					order = append(order, key)
				}
				w.actions = append(w.actions, a)
				w.resources = append(w.resources, m.ARNs...)
			}
		}
	}
	for _, n := range order {
		writes = append(writes, *bySvc[n])
	}
	if len(passTo) > 0 {
		// A target, schedule or pipe is sent back with its role: any role,
		// but only to the services whose movers send one.
		writes = append(writes, grant{sid: "PassResourceRolesBack", actions: []string{"iam:PassRole"},
			resources: []string{"arn:aws:iam::*:role/*"},
			condition: map[string]map[string]any{"StringEquals": {"iam:PassedToService": passTo}}})
	}
	return reads, writes
}

// anyResource reports whether the mover's writes are declared on "*":
// AWS's Service Authorization Reference lists no resource type for them
// (redshift:ModifyEndpointAccess), so nothing narrower grants them.
func anyResource(m *svc.Mover) bool { return slices.Equal(m.ARNs, []string{"*"}) }

// isRead reports whether an action only reads: those take Resource "*".
func isRead(action string) bool {
	svc, verb, _ := strings.Cut(action, ":")
	if svc == "apigateway" {
		// API Gateway's actions are HTTP methods: GET only reads.
		return verb == "GET"
	}
	for _, p := range []string{"Describe", "List", "Get", "BatchGet"} {
		if strings.HasPrefix(verb, p) {
			return true
		}
	}
	return false
}

func sidWord(service string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(service, func(r rune) bool { return r < 'a' || r > 'z' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// Actions returns the sorted IAM actions command needs, given the finders.
func Actions(command string, finders []usage.Finder, o Options) ([]string, error) {
	gs, err := grants(command, finders, o)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, g := range gs {
		out = append(out, g.actions...)
	}
	return uniqueSorted(out), nil
}

// Document is an IAM policy document.
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one policy statement.
type Statement struct {
	Sid       string                    `json:"Sid"`
	Effect    string                    `json:"Effect"`
	Action    []string                  `json:"Action"`
	Resource  []string                  `json:"Resource"`
	Condition map[string]map[string]any `json:"Condition,omitempty"`
}

// Policy builds the policy document for command.
func Policy(command string, finders []usage.Finder, o Options) (Document, error) {
	gs, err := grants(command, finders, o)
	if err != nil {
		return Document{}, err
	}
	doc := Document{Version: "2012-10-17"}
	for _, g := range gs {
		if len(g.actions) == 0 {
			continue
		}
		st := Statement{Sid: g.sid, Effect: "Allow", Action: uniqueSorted(g.actions), Resource: uniqueSorted(g.resources)}
		for op, kv := range g.condition {
			if st.Condition == nil {
				st.Condition = map[string]map[string]any{}
			}
			st.Condition[op] = kv
		}
		if len(o.Regions) > 0 && !g.global {
			if st.Condition == nil {
				st.Condition = map[string]map[string]any{}
			}
			st.Condition["StringEquals"] = merged(st.Condition["StringEquals"], "aws:RequestedRegion", uniqueSorted(o.Regions))
		}
		doc.Statement = append(doc.Statement, st)
	}
	return doc, nil
}

func merged(m map[string]any, k string, v any) map[string]any {
	out := map[string]any{k: v}
	for kk, vv := range m {
		out[kk] = vv
	}
	return out
}

func uniqueSorted(xs []string) []string {
	out := slices.Clone(xs)
	sort.Strings(out)
	return slices.Compact(out)
}
