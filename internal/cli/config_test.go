package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/exitcode"
	planpkg "github.com/defaultsg/defaultsg/internal/plan"
)

func TestExampleConfigLoads(t *testing.T) {
	c, err := LoadConfig("../../examples/defaultsg.yaml", true)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Regions, []string{"us-east-1", "eu-west-1"}) || !c.protected("111122223333") ||
		c.acceptedFinders()[0] != "emr-clusters" || c.Tags["owner"] != "platform-network" || c.Scan.Exclude[0] != "legacy/**" {
		t.Errorf("%+v", c)
	}
}

func TestConfigMistakesAreUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ body, msg string }{
		{"regoins: [eu-west-1]\n", "field regoins not found"},
		{"accept_unknown:\n  - finder: emr-clusters\n", `accept_unknown "emr-clusters" needs a reason`},
		{"accept_unknown:\n  - {finder: emr, reason: x}\n", "unknown finder emr"},
	} {
		p := filepath.Join(dir, "c.yaml")
		if err := os.WriteFile(p, []byte(tc.body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := LoadConfig(p, true)
		if exitcode.Of(err) != exitcode.Usage || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: %v", tc.body, err)
		}
	}
	if _, err := LoadConfig(filepath.Join(dir, "none.yaml"), true); exitcode.Of(err) != exitcode.Usage {
		t.Errorf("a missing explicit file: %v", err)
	}
	if c, err := LoadConfig(filepath.Join(dir, "none.yaml"), false); err != nil || c == nil {
		t.Errorf("a missing default file is no config: %v", err)
	}
}

// TestFlagsWinOverTheConfigFile: the file fills what the command line
// leaves unset.
func TestFlagsWinOverTheConfigFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c.yaml")
	body := "regions: [eu-west-1, us-east-1]\nprotected_accounts: [\"1\"]\naccept_unknown:\n  - {finder: emr-clusters, reason: not used}\n" +
		"name_template: \"{vpc}-x\"\ntags: {team: net}\nscan: {exclude: [legacy]}\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	f := testFactory()
	var p *PlanOptions
	if code := parseCmd(t, f, NewCmdPlan(f, capture(&p)), "--config-file", file, "plan"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !reflect.DeepEqual(p.Regions, []string{"eu-west-1", "us-east-1"}) || p.NameTemplate != "{vpc}-x" || p.Tags["team"] != "net" || p.AcceptUnknown[0] != "emr-clusters" {
		t.Errorf("from the file: %+v", p)
	}
	f = testFactory()
	if code := parseCmd(t, f, NewCmdPlan(f, capture(&p)), "--config-file", file, "--region", "ap-south-1", "plan", "--name-template", "{vpc}-y", "--accept-unknown", "glue-connections"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !reflect.DeepEqual(p.Regions, []string{"ap-south-1"}) || p.NameTemplate != "{vpc}-y" || p.AcceptUnknown[0] != "glue-connections" || p.Tags["team"] != "net" {
		t.Errorf("flags win: %+v", p)
	}
	f = testFactory()
	var c *CloseOptions
	if code := parseCmd(t, f, NewCmdClose(f, capture(&c)), "--config-file", file, "close"); code != 0 || !reflect.DeepEqual(c.Protected, []string{"1"}) {
		t.Errorf("close: exit %d %+v", code, c)
	}
	var s *ScanOptions
	if code := parseCmd(t, f, NewCmdScan(f, capture(&s)), "--config-file", file, "scan"); code != 0 || s.Excludes[0] != "legacy" {
		t.Errorf("scan: exit %d %+v", code, s)
	}
}

func TestProtectedAccountsAreNeverChanged(t *testing.T) {
	f, ios, account := simFactory(t)
	file := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(file, []byte("protected_accounts: [\""+account+"\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code := Execute(t.Context(), f, []string{"--config-file", file, "--region", "eu-west-1", "close", "--yes", "--backup", filepath.Join(t.TempDir(), "b.json")})
	if code != 0 || !strings.Contains(errOut(ios), account+": protected by the config file") || strings.Contains(errOut(ios), "will revoke") {
		t.Errorf("close: exit %d\n%s", code, errOut(ios))
	}
	f2 := &Factory{IO: ios, Global: &GlobalOptions{}, Now: f.Now, AWSConfig: f.AWSConfig}
	if code := Execute(t.Context(), f2, []string{"--region", "eu-west-1", "audit"}); code != exitcode.NonCompliant {
		t.Errorf("the protected account's group was changed: audit exit %d", code)
	}
	plan := filepath.Join(t.TempDir(), "plan.json")
	f3 := &Factory{IO: ios, Global: &GlobalOptions{}, Now: f.Now, AWSConfig: f.AWSConfig}
	if code := Execute(t.Context(), f3, []string{"--region", "eu-west-1", "plan", "--out", plan}); code != 0 {
		t.Fatalf("plan: exit %d\n%s", code, errOut(ios))
	}
	// The standard scenario has no users, so the plan is empty: make it
	// create a replacement in the protected account.
	pl, err := planpkg.Load(plan)
	if err != nil {
		t.Fatal(err)
	}
	pl.Replacements = append(pl.Replacements, planpkg.Replacement{Account: account, Region: "eu-west-1", DefaultGroupID: "sg-1"})
	p := filepath.Join(t.TempDir(), "touching.json")
	if err := planpkg.Save(p, pl); err != nil {
		t.Fatal(err)
	}
	f4 := &Factory{IO: ios, Global: &GlobalOptions{}, Now: f.Now, AWSConfig: f.AWSConfig}
	code = Execute(t.Context(), f4, []string{"--config-file", file, "--region", "eu-west-1", "apply", p, "--yes"})
	if code != exitcode.Usage || !strings.Contains(errOut(ios), "which the config file protects") {
		t.Errorf("apply: exit %d\n%s", code, errOut(ios))
	}
}
