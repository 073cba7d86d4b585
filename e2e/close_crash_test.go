package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

const crashScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIACRASHTEST00001
regions: [us-east-1, eu-west-1, ap-southeast-2]
`

var crashRegions = "us-east-1,eu-west-1,ap-southeast-2"

// addRules gives every default group a few more rules of different kinds.
func addRules(t *testing.T, ep endpoint) {
	t.Helper()
	for _, region := range strings.Split(crashRegions, ",") {
		c := ec2Client(ep, region)
		vpcs, err := c.DescribeVpcs(ctx(t), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vpcs.Vpcs {
			def := defaultGroup(t, c, aws.ToString(v.VpcId))
			authorizeIn(t, c, def,
				types.IpPermission{IpProtocol: str("tcp"), FromPort: aws.Int32(22), ToPort: aws.Int32(22),
					IpRanges: []types.IpRange{{CidrIp: str("192.0.2.0/24"), Description: str("bastion")}}},
				types.IpPermission{IpProtocol: str("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443),
					Ipv6Ranges: []types.Ipv6Range{{CidrIpv6: str("2001:db8::/32")}}})
		}
	}
}

// TestCloseCrashAtEveryPointLosesNoRule kills close with SIGKILL at each
// distinct point, re-runs it, restores from every backup that exists, and
// requires every original rule back.
func TestCloseCrashAtEveryPointLosesNoRule(t *testing.T) {
	points := []string{
		"close:before-backup",
		"close:after-backup",
		"close:after-ingress:1",
		"close:after-group:1",
		"close:after-ingress:2",
		"close:after-group:2",
		"close:after-group:3",
	}
	for _, point := range points {
		t.Run(strings.ReplaceAll(point, ":", "_"), func(t *testing.T) {
			ep := startSim(t, crashScenario)
			addRules(t, ep)
			original, _ := auditJSON(t, ep, "--regions", crashRegions)
			names := map[string]string{}
			for _, g := range original.Groups {
				names[g.GroupID] = g.Region + "/" + g.VpcID
			}
			dir := t.TempDir()
			common := []string{"--regions", crashRegions, "--concurrency", "1", "close", "--yes"}
			r := run(t, ep, dir, []string{"DEFAULTSG_CRASHPOINT=" + point}, common...)
			if r.Code != -1 {
				t.Fatalf("close was not killed at %s: exit %d\n%s", point, r.Code, r.Stderr)
			}
			r = run(t, ep, dir, nil, common...)
			if r.Code != 0 {
				t.Fatalf("re-run close: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
			}
			closed, _ := auditJSON(t, ep, "--regions", crashRegions)
			if closed.Summary.NonCompliant != 0 {
				t.Fatalf("after re-run: %d groups still have rules", closed.Summary.NonCompliant)
			}
			backups, _ := filepath.Glob(filepath.Join(dir, "defaultsg-backup-*.json"))
			if point == "close:before-backup" && len(backups) != 1 {
				t.Fatalf("want exactly the re-run's backup, got %v", backups)
			}
			for _, b := range backups {
				if r := run(t, ep, dir, nil, "restore", "--yes", b); r.Code != 0 {
					t.Fatalf("restore %s: exit %d\n%s", b, r.Code, r.Stderr)
				}
			}
			restored, _ := auditJSON(t, ep, "--regions", crashRegions)
			if got, want := normalized(t, restored, names), normalized(t, original, names); got != want {
				t.Fatalf("rules lost at %s:\nwant:\n%s\ngot:\n%s", point, want, got)
			}
			if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(leftovers) > 0 {
				t.Logf("temporary files left by the killed run (harmless, never read): %v", leftovers)
			}
		})
	}
}
