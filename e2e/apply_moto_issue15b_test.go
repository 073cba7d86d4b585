package e2e

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/emrserverless"
	emrstypes "github.com/aws/aws-sdk-go-v2/service/emrserverless/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/testutil"
)

// TestApplyIssue15PartBMoversAgainstMoto runs plan → apply → rollback
// against moto for the part B movers whose change call moto 5.2.1
// implements and whose result it reads back: EMR Serverless applications
// (emr-serverless:UpdateApplication), one naming the default group and one
// naming subnets only. The simulator runs the same users in
// TestApplyMovesIssue15PartBKindsAndRollsBack. moto keeps MemoryDB's old
// groups after UpdateCluster and creates no self-managed Kafka mappings,
// so those are checked against the simulator only (docs/FIDELITY.md).
func TestApplyIssue15PartBMoversAgainstMoto(t *testing.T) {
	moto := endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"}
	cfg, cx := awsx.StaticConfig(moto.URL, "us-east-1", moto.AccessKey, "test-secret"), ctx(t)
	check := motoCheck(t)
	v := seedMotoVPC(t, cfg)
	vpc, def, web := v.ID, v.Default, v.Web
	sn := v.Subnets[:1]

	emr := emrserverless.NewFromConfig(cfg)
	ids := map[string]*string{}
	for name, groups := range map[string][]string{"etl": {def, web}, "bare": nil} {
		a, err := emr.CreateApplication(cx, &emrserverless.CreateApplicationInput{Name: str(name), ReleaseLabel: str("emr-7.0.0"),
			Type: str("SPARK"), NetworkConfiguration: &emrstypes.NetworkConfiguration{SubnetIds: sn, SecurityGroupIds: groups}})
		check("CreateApplication", err)
		ids[name] = a.ApplicationId
		// moto creates applications STARTED, AWS CREATED; an update needs
		// CREATED or STOPPED (the mover refuses a STARTED one).
		_, err = emr.StopApplication(cx, &emrserverless.StopApplicationInput{ApplicationId: a.ApplicationId})
		check("StopApplication", err)
	}
	network := func() map[string]*emrstypes.NetworkConfiguration {
		t.Helper()
		out := map[string]*emrstypes.NetworkConfiguration{}
		for name, id := range ids {
			a, err := emr.GetApplication(cx, &emrserverless.GetApplicationInput{ApplicationId: id})
			check("GetApplication", err)
			out[name] = a.Application.NetworkConfiguration
		}
		return out
	}
	want := func(when, repl string) {
		t.Helper()
		got := network()
		for name, groups := range map[string][]string{"etl": {repl, web}, "bare": {}} {
			if when == "after apply" {
				groups = map[string][]string{"etl": {repl, web}, "bare": {repl}}[name]
			}
			if n := got[name]; n == nil || !sameGroups(n.SecurityGroupIds, groups) || !sameGroups(n.SubnetIds, sn) {
				t.Errorf("%s, %s has %+v, want groups %v in %v", when, name, n, groups, sn)
			}
		}
	}
	want("seeded", def)

	dir := t.TempDir()
	if r := run(t, moto, dir, nil, "plan", "--out", "plan.json", "--regions", "us-east-1"); r.Code != 0 {
		t.Fatalf("plan: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	r := run(t, moto, dir, nil, "apply", "plan.json", "--yes", "--poll", "10ms")
	if r.Code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	want("after apply", replacementOf(t, moto, vpc, def))
	if t.Failed() {
		t.Fatalf("apply output:\n%s\n%s", r.Stdout, r.Stderr)
	}
	if r := run(t, moto, dir, nil, "rollback", "plan.json.journal", "--yes", "--poll", "10ms"); r.Code != 0 {
		t.Fatalf("rollback: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
	}
	want("after rollback", def)
}
