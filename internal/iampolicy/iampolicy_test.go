package iampolicy

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/services"
)

// Every write is narrowed to resource types (never "*", but for the
// movers' writes AWS cannot narrow, each declared ARNs "*", alone in their
// statement); the groups apply creates and rollback deletes are narrowed
// by their tag; with regions, every regional statement carries the region
// condition.
func TestWritesAreNarrowed(t *testing.T) {
	onAny := map[string]bool{}
	for _, s := range services.All {
		for _, d := range s.Kinds {
			if d.Mover != nil && anyResource(d.Mover) {
				for _, a := range d.Mover.IAM {
					if !isRead(a) {
						onAny[a] = true
					}
				}
			}
		}
	}
	for _, cmd := range Commands {
		doc, err := Policy(cmd, services.Finders(), Options{Regions: []string{"eu-west-1"}})
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		for _, st := range doc.Statement {
			writes := slices.ContainsFunc(st.Action, func(a string) bool { return !isRead(a) })
			if writes && slices.Contains(st.Resource, "*") {
				if !strings.HasSuffix(st.Sid, "OnAnyResource") || len(st.Resource) != 1 ||
					slices.ContainsFunc(st.Action, func(a string) bool { return !onAny[a] }) {
					t.Errorf("%s: statement %s writes on Resource *: %v", cmd, st.Sid, st.Action)
				}
			}
			if !writes || !strings.HasSuffix(st.Sid, "OnAnyResource") {
				for _, a := range st.Action {
					if onAny[a] {
						t.Errorf("%s: %s, which AWS cannot narrow, shares statement %s", cmd, a, st.Sid)
					}
				}
			}
			global := slices.ContainsFunc(st.Action, func(a string) bool { return strings.HasPrefix(a, "sts:") || strings.HasPrefix(a, "organizations:") })
			if region := st.Condition["StringEquals"]["aws:RequestedRegion"]; !global && region == nil {
				t.Errorf("%s: statement %s lacks the region condition", cmd, st.Sid)
			}
			for _, a := range st.Action {
				switch {
				case a == "ec2:DeleteSecurityGroup":
					if st.Condition["Null"]["aws:ResourceTag/"+ReplacesTag] != "false" {
						t.Errorf("%s: DeleteSecurityGroup is not limited to the groups apply made: %+v", cmd, st)
					}
				case a == "ec2:CreateSecurityGroup" && slices.Contains(st.Resource, securityGroups):
					if st.Condition["Null"]["aws:RequestTag/"+ReplacesTag] != "false" {
						t.Errorf("%s: a group may be created without the replaces tag: %+v", cmd, st)
					}
				case a == "ec2:CreateTags":
					if st.Condition["StringEquals"]["ec2:CreateAction"] != "CreateSecurityGroup" {
						t.Errorf("%s: CreateTags may tag anything: %+v", cmd, st)
					}
				}
			}
		}
	}
}

// apply only trims the rules AWS puts on a group it just created: its
// revokes are limited to tagged groups; close's are not (the default
// groups carry no tag of ours).
func TestApplyRevokesOnlyOnItsOwnGroups(t *testing.T) {
	doc, _ := Policy("apply", services.Finders(), Options{})
	for _, st := range doc.Statement {
		if slices.Contains(st.Action, "ec2:RevokeSecurityGroupEgress") && st.Condition["Null"]["aws:ResourceTag/"+ReplacesTag] != "false" {
			t.Fatalf("apply may revoke rules of any group: %+v", st)
		}
	}
}

func TestOrganizationOnlyWithOrg(t *testing.T) {
	without, _ := Actions("audit", services.Finders(), Options{})
	with, _ := Actions("audit", services.Finders(), Options{Org: true})
	if slices.Contains(without, "sts:AssumeRole") || !slices.Contains(with, "sts:AssumeRole") || !slices.Contains(with, "organizations:ListAccounts") {
		t.Fatalf("without --org %v\nwith --org %v", without, with)
	}
	for _, cmd := range []string{"rollback", "verify"} {
		if _, err := Policy(cmd, services.Finders(), Options{}); err != nil {
			t.Errorf("--for %s: %v", cmd, err)
		}
	}
}

func TestAggregatorOnlyWithInventory(t *testing.T) {
	without, _ := Actions("usage", services.Finders(), Options{})
	with, _ := Actions("usage", services.Finders(), Options{Inventory: true})
	closing, _ := Actions("close", services.Finders(), Options{Inventory: true})
	const q = "config:SelectAggregateResourceConfig"
	if slices.Contains(without, q) || !slices.Contains(with, q) || !slices.Contains(with, "config:DescribeConfigurationAggregatorSourcesStatus") ||
		!slices.Contains(with, "config:DescribeConfigurationRecorderStatus") ||
		slices.Contains(closing, q) {
		t.Fatalf("usage without %v\nwith %v\nclose %v", without, with, closing)
	}
}

// Movers that send a resource back with its role (EventBridge targets,
// schedules, pipes; Image Builder's instance profile, passed to EC2) need
// iam:PassRole: granted on roles, only to those services.
func TestPassRoleOnlyToTheServicesThatNeedIt(t *testing.T) {
	for _, cmd := range []string{"apply", "rollback"} {
		doc, _ := Policy(cmd, services.Finders(), Options{})
		var found bool
		for _, st := range doc.Statement {
			if !slices.Contains(st.Action, "iam:PassRole") {
				continue
			}
			found = true
			to, _ := st.Condition["StringEquals"]["iam:PassedToService"].([]string)
			if len(st.Action) != 1 || !slices.Equal(st.Resource, []string{"arn:aws:iam::*:role/*"}) ||
				!slices.Equal(to, []string{"events.amazonaws.com", "scheduler.amazonaws.com", "pipes.amazonaws.com", "ec2.amazonaws.com"}) {
				t.Errorf("%s: %+v", cmd, st)
			}
		}
		if !found {
			t.Errorf("%s grants no iam:PassRole", cmd)
		}
	}
}

func TestS3BackupGrants(t *testing.T) {
	for _, tt := range []struct {
		command, backup, kms string
		want                 map[string][]string // sid -> resources
	}{
		{command: "close", backup: "s3://b-1/runs/b.json", want: map[string][]string{"BackupInS3": {"arn:aws:s3:::b-1/runs/b.json"}}},
		{command: "close", backup: "s3://b-1/runs/", want: map[string][]string{"BackupInS3": {"arn:aws:s3:::b-1/runs/*"}}},
		{command: "restore", backup: "s3://b-1/k", kms: "arn:aws:kms:eu-west-1:111111111111:key/k1",
			want: map[string][]string{"BackupInS3": {"arn:aws:s3:::b-1/k"}, "BackupKMSKey": {"arn:aws:kms:eu-west-1:111111111111:key/k1"}}},
		{command: "audit", backup: "s3://b-1/k", want: map[string][]string{}},
	} {
		doc, err := Policy(tt.command, nil, Options{Backup: tt.backup, BackupKMSKey: tt.kms, Regions: []string{"eu-west-1"}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, st := range doc.Statement {
			if strings.HasPrefix(st.Sid, "Backup") {
				got[st.Sid] = st.Resource
				if st.Condition["StringEquals"]["aws:RequestedRegion"] != nil {
					t.Errorf("%s %s: region condition on a global S3 grant", tt.command, st.Sid)
				}
				if st.Sid == "BackupInS3" && tt.command == "restore" && slices.Contains(st.Action, "s3:PutObject") {
					t.Errorf("restore may write the backup: %v", st.Action)
				}
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %s: %v, want %v", tt.command, tt.backup, got, tt.want)
		}
	}
	if _, err := Policy("close", nil, Options{Backup: "/tmp/b.json"}); err == nil {
		t.Error("a local --backup was accepted")
	}
}

// --securityhub adds GetFindings to the commands that read findings, and
// only then; a command that reads none refuses it.
func TestSecurityHubReads(t *testing.T) {
	for _, cmd := range []string{"audit", "usage", "plan", "close", "verify", "all"} {
		with, err := Actions(cmd, services.Finders(), Options{SecurityHub: true})
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		without, _ := Actions(cmd, services.Finders(), Options{})
		if !slices.Contains(with, "securityhub:GetFindings") || slices.Contains(without, "securityhub:GetFindings") {
			t.Errorf("%s: GetFindings with --securityhub %v, without %v", cmd, slices.Contains(with, "securityhub:GetFindings"), slices.Contains(without, "securityhub:GetFindings"))
		}
	}
	if _, err := Policy("restore", services.Finders(), Options{SecurityHub: true}); err == nil {
		t.Error("restore --securityhub: want an error, restore reads no finding")
	}
}
