package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/testutil"
)

// A rule put back by hand after close with another description is present,
// but restore is only exact if the backed-up description comes back too,
// and it says which descriptions it changed. Against the simulator and moto.
func TestRestorePutsBackDescriptionsEditedAfterClose(t *testing.T) {
	systems := []struct {
		name   string
		ep     func() endpoint
		isMoto bool
	}{
		{"simulator", func() endpoint { return startSim(t, diffScenario) }, false},
		{"moto", func() endpoint { return endpoint{URL: testutil.StartMoto(t), AccessKey: "AKIAIOSFODNN7EXAMPLE"} }, true},
	}
	regions := strings.Join(diffRegions, ",")
	accept := motoUnservedFinders
	for _, sys := range systems {
		t.Run(sys.name, func(t *testing.T) {
			ep := sys.ep()
			names := seed(t, ep, sys.isMoto)
			before, _ := auditJSON(t, ep, "--regions", regions)
			dir := t.TempDir()
			backup := filepath.Join(dir, "b.json")
			if r := run(t, ep, dir, nil, "close", "--regions", regions, "--yes", "--backup", backup, "--accept-unknown", accept); r.Code != 0 {
				t.Fatalf("close: exit %d\n%s", r.Code, r.Stderr)
			}
			// By hand, after close: one rule back in each direction, described differently.
			c := ec2Client(ep, "eu-west-1")
			def := ""
			for id, name := range names {
				if name == "eu-west-1/default-vpc/default" {
					def = id
				}
			}
			authorizeIn(t, c, def, types.IpPermission{IpProtocol: str("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
				IpRanges: []types.IpRange{{CidrIp: str("10.0.0.0/8"), Description: str("edited by hand")}}})
			wants := []string{`description "edited by hand" -> "corp https"`}
			// AWS removes a description when the update omits it (the backup
			// had none); moto 5.2 keeps the old one, so only the simulator
			// checks that case.
			if !sys.isMoto {
				if _, err := c.AuthorizeSecurityGroupEgress(ctx(t), &ec2.AuthorizeSecurityGroupEgressInput{GroupId: str(def),
					IpPermissions: []types.IpPermission{{IpProtocol: str("-1"), IpRanges: []types.IpRange{{CidrIp: str("0.0.0.0/0"), Description: str("temporary")}}}}}); err != nil {
					t.Fatal(err)
				}
				wants = append(wants, `description "temporary" -> ""`)
			}

			r := run(t, ep, dir, nil, "restore", "--yes", "-o", "json", backup)
			if r.Code != 0 {
				t.Fatalf("restore: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
			}
			mustContain(t, "restore plan", r.Stderr, wants...)
			mustContain(t, "restore JSON", r.Stdout, `"descriptions_restored"`, "10.0.0.0/8")
			after, _ := auditJSON(t, ep, "--regions", regions)
			if a, b := normalized(t, after, names), normalized(t, before, names); a != b {
				t.Fatalf("restore is not exact:\nbefore:\n%s\nafter:\n%s", b, a)
			}
		})
	}
}
