package cli

import (
	"testing"

	"github.com/defaultsg/defaultsg/internal/exitcode"
)

func TestSecurityHubFlags(t *testing.T) {
	f := testFactory()
	var u *UsageOptions
	if code := parseCmd(t, f, NewCmdUsage(f, capture(&u)), "--org", "usage", "--from-securityhub", "--securityhub-region", "eu-west-1"); code != 0 ||
		!u.SecurityHub.From || u.SecurityHub.Region != "eu-west-1" || !u.SecurityHub.org || u.SecurityHub.NewAPI == nil {
		t.Errorf("usage: exit %d, %+v", code, u)
	}
	for _, mk := range []func(*Factory) (string, func() bool){
		func(f *Factory) (string, func() bool) {
			var o *AuditOptions
			return "audit", func() bool {
				return parseCmd(t, f, NewCmdAudit(f, capture(&o)), "audit", "--from-securityhub") == 0 && o.SecurityHub.From
			}
		},
		func(f *Factory) (string, func() bool) {
			var o *PlanOptions
			return "plan", func() bool {
				return parseCmd(t, f, NewCmdPlan(f, capture(&o)), "plan", "--from-securityhub") == 0 && o.SecurityHub.From
			}
		},
		func(f *Factory) (string, func() bool) {
			var o *CloseOptions
			return "close", func() bool {
				return parseCmd(t, f, NewCmdClose(f, capture(&o)), "close", "--from-securityhub") == 0 && o.SecurityHub.From
			}
		},
		func(f *Factory) (string, func() bool) {
			var o *VerifyOptions
			return "verify", func() bool {
				return parseCmd(t, f, NewCmdVerify(f, capture(&o)), "verify", "p.json", "--securityhub", "--securityhub-region", "us-east-1") == 0 &&
					o.WithSecurityHub && o.SecurityHub.Region == "us-east-1" && !o.SecurityHub.From
			}
		},
	} {
		f := testFactory()
		if name, ok := mk(f); !ok() {
			t.Errorf("%s: --from-securityhub / --securityhub not parsed", name)
		}
	}
	var bad *UsageOptions
	if code := parseCmd(t, f, NewCmdUsage(f, capture(&bad)), "usage", "--from-securityhub", "--securityhub-region", "Europe"); code != exitcode.Usage || bad != nil {
		t.Errorf("--securityhub-region Europe: exit %d, ran %v", code, bad != nil)
	}
	var v *VerifyOptions
	if code := parseCmd(t, f, NewCmdVerify(f, capture(&v)), "verify", "p.json", "--from-securityhub"); code != exitcode.Usage {
		t.Errorf("verify --from-securityhub (verify follows its plan's groups): exit %d, want usage", code)
	}
}
