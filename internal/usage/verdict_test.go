package usage

import "testing"

func TestReferencesAloneDoNotMakeAGroupUsed(t *testing.T) {
	ref := Usage{Account: "1", Region: "r", GroupID: "sg-def", Kind: KindReference, ResourceID: "sg-db"}
	member := Usage{Account: "1", Region: "r", GroupID: "sg-def", Kind: KindLive, ResourceType: "EC2 instance", ResourceID: "i-1"}
	only := Result{Usages: []Usage{ref}}.Verdict("1", "r", "sg-def")
	if only.InUse() || only.Blocks() || only.State() != "unused" || len(only.References()) != 1 {
		t.Fatalf("a group named only by another group's rule: in use %t, blocks %t, state %q", only.InUse(), only.Blocks(), only.State())
	}
	both := Result{Usages: []Usage{ref, member}}.Verdict("1", "r", "sg-def")
	if !both.Blocks() || both.State() != "used" || both.Reason() != "used by EC2 instance i-1" {
		t.Fatalf("a group with a member: blocks %t, state %q, reason %q", both.Blocks(), both.State(), both.Reason())
	}
	unknown := Result{Usages: []Usage{ref}, Coverage: []Coverage{{Account: "1", Region: "r", Finder: "lambda-functions", Status: StatusUnknown}}}.Verdict("1", "r", "sg-def")
	if !unknown.Blocks() || unknown.State() != "usage unknown" {
		t.Fatalf("a gap still blocks: %q", unknown.State())
	}
}
