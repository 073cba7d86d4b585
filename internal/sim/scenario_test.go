package sim

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
)

func TestParseScenarioErrors(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown field", "accounts:\n  - id: \"111111111111\"\n    acces_key: x\nregions: standard\n", "line 3"},
		{"unknown top-level", "acounts: []\n", "line 1"},
		{"account id", "accounts:\n  - id: 12\nregions: standard\n", "line 2"},
		{"no regions", "accounts:\n  - id: \"111111111111\"\n", "no regions"},
		{"bad regions word", "accounts:\n  - id: \"111111111111\"\nregions: all\n", "line 3"},
		{"region field", "accounts:\n  - id: \"111111111111\"\nregions:\n  - {name: us-east-1, optin: x}\n", "line 4"},
		{"resources in disabled region", "accounts:\n  - id: \"111111111111\"\n    resources:\n      af-south-1: {}\nregions: standard\n", "line 4"},
		{"unknown group", `accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        security_groups:
          - name: web
            ingress:
              - {protocol: tcp, ports: 80, group: nope}
regions: [us-east-1]
`, "line 8"},
		{"two sources", `accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group:
          ingress:
            - {cidr: 10.0.0.0/8, ipv6_cidr: "::/0"}
regions: [us-east-1]
`, "line 7"},
		{"bad port", `accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group:
          ingress: [{protocol: tcp, ports: "x", cidr: 10.0.0.0/8}]
regions: [us-east-1]
`, "ports"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := ParseScenario([]byte(tc.yaml))
			if err == nil {
				_, err = New(sc)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func TestDefaultScenario(t *testing.T) {
	s := startServer(t, DefaultScenario())
	if got := DefaultScenario().Accounts(); len(got) != 1 || got[0] != acct {
		t.Fatalf("accounts %v", got)
	}
	for _, region := range standardNames {
		groups := s.SecurityGroups(acct, region)
		if len(groups) != 1 || !groups[0].IsDefault() || groups[0].Description != "default VPC security group" {
			t.Fatalf("%s: groups %+v", region, groups)
		}
		g := groups[0]
		in, out := g.Ingress(), g.Egress()
		if len(in) != 1 || in[0].Group == nil || in[0].Group.GroupID != g.ID || in[0].Protocol != "-1" {
			t.Errorf("%s: default ingress %+v", region, in)
		}
		if len(out) != 1 || out[0].CidrIPv4 != "0.0.0.0/0" {
			t.Errorf("%s: default egress %+v", region, out)
		}
	}
	if s.SecurityGroups(acct, "af-south-1") != nil {
		t.Error("a not-opted-in region has state")
	}
	out, err := ec2For(s, acct, "eu-north-1").DescribeRegions(ctxT(t), &ec2.DescribeRegionsInput{AllRegions: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Regions) != 19 {
		t.Fatalf("AllRegions: %d regions, want 17 + 2 not opted in", len(out.Regions))
	}
}

func TestScenarioShapes(t *testing.T) {
	s := startScenario(t, `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        default_group: {ingress: [], egress: []}
        vpcs:
          - {name: v6, cidr: 10.0.0.0/16, ipv6: auto}
        security_groups:
          - {name: web, vpc: v6, egress: []}
          - name: app
            vpc: v6
            ingress: [{protocol: tcp, ports: 8080, group: web, description: from web}]
  - id: "222222222222"
    regions: [eu-west-1]
regions: [us-east-1]
`)
	var v6Default, app SecurityGroup
	for _, g := range s.SecurityGroups(acct, "us-east-1") {
		switch {
		case g.IsDefault() && g.VpcID != s.defaultVPCID(acct, "us-east-1"):
			v6Default = g
		case g.IsDefault() && len(g.Rules) != 0:
			t.Errorf("default VPC group should be compliant: %+v", g.Rules)
		case g.Name == "web" && len(g.Rules) != 0:
			t.Errorf("web has egress: %+v", g.Rules)
		case g.Name == "app":
			app = g
		}
	}
	if e := v6Default.Egress(); len(e) != 2 || e[1].CidrIPv6 != "::/0" {
		t.Errorf("IPv6 VPC default egress %+v", e)
	}
	if in := app.Ingress(); len(in) != 1 || in[0].Group == nil || in[0].Description != "from web" {
		t.Errorf("app ingress %+v", in)
	}
	if s.SecurityGroups("222222222222", "eu-west-1") == nil || s.SecurityGroups("222222222222", "us-east-1") != nil {
		t.Error("per-account regions ignored")
	}
}

func (s *Server) defaultVPCID(account, region string) string {
	for _, v := range s.Vpcs(account, region) {
		if v.IsDefault {
			return v.ID
		}
	}
	return ""
}

func TestExampleScenariosLoad(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	if len(files) < 2 {
		t.Fatalf("expected example scenarios, found %v", files)
	}
	for _, f := range files {
		sc, err := LoadScenario(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := New(sc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
}

func TestIDsAreDeterministic(t *testing.T) {
	a, _ := New(DefaultScenario())
	b, _ := New(DefaultScenario())
	ga, gb := a.SecurityGroups(acct, "us-east-1"), b.SecurityGroups(acct, "us-east-1")
	if ga[0].ID != gb[0].ID || !validID(ga[0].ID, "sg") || len(ga[0].ID) != len("sg-")+17 {
		t.Fatalf("ids %s vs %s", ga[0].ID, gb[0].ID)
	}
	if other := a.SecurityGroups(acct, "us-east-2"); other[0].ID == ga[0].ID {
		t.Fatal("same id in two regions")
	}
}
