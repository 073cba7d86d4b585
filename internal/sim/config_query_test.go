package sim

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestConfigQueryGrammar(t *testing.T) {
	eni := map[string]any{}
	_ = json.Unmarshal([]byte(`{"accountId":"111","awsRegion":"eu-west-1","resourceType":"AWS::EC2::NetworkInterface","resourceId":"eni-1",
		"configuration":{"requesterManaged":true,"groups":[{"groupId":"sg-a","groupName":"web"},{"groupId":"sg-d","groupName":"default"}],
		"attachment":{"instanceOwnerId":"amazon-rds"}}}`), &eni)
	cases := []struct {
		expr string
		want bool
	}{
		{"SELECT resourceId WHERE resourceType = 'AWS::EC2::NetworkInterface'", true},
		{"select resourceId where resourceType='AWS::EC2::Instance'", false},
		{"SELECT resourceId WHERE configuration.groups.groupId = 'sg-d'", true}, // any array element
		{"SELECT resourceId WHERE configuration.groups.groupId IN ('sg-x', 'sg-a')", true},
		{"SELECT resourceId WHERE configuration.groups.groupId IN ('sg-x')", false},
		{"SELECT resourceId WHERE resourceType LIKE 'AWS::EC2::%'", true},
		{"SELECT resourceId WHERE resourceType LIKE 'AWS::RDS::%'", false},
		{"SELECT resourceId WHERE awsRegion = 'us-east-1' OR accountId = '111'", true},
		{"SELECT resourceId WHERE awsRegion = 'us-east-1' AND accountId = '111'", false},
		{"SELECT resourceId WHERE NOT (awsRegion = 'us-east-1' AND accountId = '111')", true},
		{"SELECT resourceId WHERE configuration.requesterManaged = true", true},
		{"SELECT resourceId WHERE accountId BETWEEN '100' AND '200'", true},
		{"SELECT resourceId WHERE configuration.attachment.instanceOwnerId = 'it''s'", false},
		{"SELECT resourceId WHERE configuration.missing = 'x'", false},
	}
	for _, c := range cases {
		q, err := parseConfigQuery(c.expr)
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		if got := q.where == nil || q.where.match(eni); got != c.want {
			t.Errorf("%s: match %v, want %v", c.expr, got, c.want)
		}
	}
}

func TestConfigQueryRejectsWhatConfigDoesNot(t *testing.T) {
	for _, expr := range []string{
		"SELECT * WHERE resourceType = 'AWS::EC2::Instance'",
		"SELECT resourceId FROM resources",
		"SELECT DISTINCT resourceId",
		"SELECT MAX(resourceId)",
		"SELECT resourceId WHERE resourceType != 'x'",
		"SELECT resourceId WHERE resourceType = 'x",
		"SELECT resourceId WHERE resourceType = x",
		"SELECT resourceId WHERE (resourceType = 'x'",
		"SELECT resourceId, COUNT(*) GROUP BY resourceType",
		"SELECT resourceId WHERE",
		"resourceId WHERE resourceType = 'x'",
		"SELECT resourceId ORDER resourceId",
		"SELECT configuration..groups",
	} {
		if _, err := parseConfigQuery(expr); err == nil {
			t.Errorf("%s: accepted", expr)
		}
	}
}

func TestConfigQueryProjectsAndCounts(t *testing.T) {
	doc := map[string]any{}
	_ = json.Unmarshal([]byte(`{"resourceId":"eni-1","configuration":{"groups":[{"groupId":"sg-a","groupName":"web"},{"groupId":"sg-d"}],"vpcId":"vpc-1"}}`), &doc)
	out := map[string]any{}
	project(out, doc, strings.Split("configuration.groups.groupId", "."))
	project(out, doc, []string{"resourceId"})
	b, _ := json.Marshal(out)
	if want := `{"configuration":{"groups":[{"groupId":"sg-a"},{"groupId":"sg-d"}]},"resourceId":"eni-1"}`; string(b) != want {
		t.Fatalf("projected %s, want %s", b, want)
	}
	q, err := parseConfigQuery("SELECT resourceType, COUNT(*) WHERE resourceType = 'AWS::EC2::NetworkInterface' GROUP BY resourceType ORDER BY COUNT(*) DESC")
	if err != nil || !q.count || len(q.groupBy) != 1 || !q.orderBy[0].desc {
		t.Fatalf("%+v %v", q, err)
	}
	if got := required(q.where, "resourceType"); len(got) != 1 || got[0] != "AWS::EC2::NetworkInterface" {
		t.Fatalf("required %v", got)
	}
}
