package guard

import (
	"errors"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/sgrule"
)

func recordLine(t *testing.T, evID, group string, rules ...sgrule.Rule) string {
	t.Helper()
	ev := Event{ID: evID, Name: "AuthorizeSecurityGroupIngress", Account: "111111111111", Region: "us-east-1"}
	b, err := RecordBody(NewRecord("2026-11-30T21:00:00Z", ev, "vpc-1", group, rules))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestParseRecordsMakesOneRestorableDocument: the records of a saved log
// (other lines, a timestamp before a record, two events on one group, the
// same permission in two records) give one group per default group with
// each permission once, as the later record has it.
func TestParseRecordsMakesOneRestorableDocument(t *testing.T) {
	ssh := sgrule.Rule{RuleID: "sgr-1", Protocol: "tcp", FromPort: 22, ToPort: 22, CidrIPv4: "0.0.0.0/0", Description: "old"}
	ssh2 := ssh
	ssh2.RuleID, ssh2.Description = "sgr-3", "new"
	self := sgrule.Rule{RuleID: "sgr-2", Egress: true, Protocol: "-1", FromPort: -1, ToPort: -1, Group: &sgrule.GroupRef{GroupID: "sg-a"}}
	log := "START RequestId: r1\n" +
		recordLine(t, "e1", "sg-a", ssh) +
		"2026-11-30T21:00:01.000Z\tr2\tINFO\t" + recordLine(t, "e2", "sg-a", self, ssh2) +
		recordLine(t, "e3", "sg-b", ssh) +
		`{"level":"info","msg":"revoked"}` + "\n"
	if !IsRecords([]byte(log)) {
		t.Fatal("IsRecords: false")
	}
	doc, err := ParseRecords([]byte(log))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Groups) != 2 || doc.Groups[0].GroupID != "sg-a" || doc.Groups[1].GroupID != "sg-b" {
		t.Fatalf("groups %+v", doc.Groups)
	}
	a := doc.Groups[0]
	if a.Account != "111111111111" || a.Region != "us-east-1" || a.VpcID != "vpc-1" || len(a.Rules) != 2 {
		t.Fatalf("sg-a: %+v", a)
	}
	for _, r := range a.Rules {
		if r.Key() == ssh.Key() && r.Description != "new" {
			t.Errorf("the repeated permission kept %q, want the later record's %q", r.Description, "new")
		}
	}
	if doc.RuleCount() != 3 {
		t.Errorf("%d rules, want 3", doc.RuleCount())
	}
}

func TestParseRecordsRefusesWhatIsNotARecord(t *testing.T) {
	good := recordLine(t, "e1", "sg-a", sgrule.Rule{Protocol: "tcp", FromPort: 1, ToPort: 1, CidrIPv4: "10.0.0.0/8"})
	for name, data := range map[string]string{
		"no record":         "START RequestId: r1\nEND\n",
		"cut short":         good[:len(good)/2] + "\n",
		"unknown field":     strings.Replace(good, `"schema"`, `"extra":1,"schema"`, 1),
		"other schema":      strings.Replace(good, RecordSchema, "defaultsg.guard.backup/v9", 1),
		"rule without peer": strings.Replace(good, `"cidr_ipv4":"10.0.0.0/8"`, `"cidr_ipv4":""`, 1),
	} {
		if _, err := ParseRecords([]byte(data)); !errors.Is(err, backup.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
}
