package sim

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/testutil"
)

// cliScenario gives default groups every kind of rule the classic manual
// remediation has to round-trip through the CLI's JSON.
const cliScenario = `
accounts:
  - id: "111111111111"
    access_key_id: AKIACLITEST000000001
    resources:
      eu-west-1:
        default_group:
          ingress:
            - {group: self}
            - {protocol: tcp, ports: "22", cidr: 192.0.2.0/24, description: bastion}
            - {protocol: tcp, ports: 443, ipv6_cidr: "2001:db8::/32"}
            - {protocol: tcp, ports: 5432, prefix_list: pl-0123456789abcdef0, description: "from vpn"}
            - {protocol: udp, ports: 1000-2000, group: sg-0aaaaaaaaaaaaaaaa, group_owner: "222222222222", peering: pcx-0bbbbbbbbbbbbbbbb, description: partner}
            - {protocol: icmp, ports: "8--1", cidr: 10.0.0.0/8}
        vpcs:
          - name: app
            cidr: 10.1.0.0/16
            ipv6: auto
regions: [us-east-1, eu-west-1, ap-southeast-2, {name: af-south-1, opt_in_status: not-opted-in}]
`

// TestAWSCLIManualRemediation runs the loop an operator would type with
// AWS CLI v1: list regions, read each default group, and revoke exactly the
// JSON it just read. The simulator must accept its own output back.
func TestAWSCLIManualRemediation(t *testing.T) {
	awsBin := testutil.RequireTool(t, "aws")
	s := startScenario(t, cliScenario)
	cli := func(region string, args ...string) []byte {
		t.Helper()
		return cliRaw(t, awsBin, s, region, append([]string{"ec2"}, args...)...)
	}

	var regions struct {
		Regions []struct{ RegionName, OptInStatus string }
	}
	decode(t, cli("us-east-1", "describe-regions"), &regions)
	var names []string
	for _, r := range regions.Regions {
		names = append(names, r.RegionName)
	}
	if want := []string{"ap-southeast-2", "eu-west-1", "us-east-1"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("describe-regions: %v, want %v", names, want)
	}

	compareRuleViews(t, s, cli("eu-west-1", "describe-security-group-rules"), "eu-west-1")

	revoked := 0
	for _, region := range names {
		var out struct{ SecurityGroups []map[string]any }
		decode(t, cli(region, "describe-security-groups", "--filters", "Name=group-name,Values=default"), &out)
		if len(out.SecurityGroups) == 0 {
			t.Fatalf("%s: no default groups", region)
		}
		for _, g := range out.SecurityGroups {
			id := g["GroupId"].(string)
			for dir, key := range map[string]string{"ingress": "IpPermissions", "egress": "IpPermissionsEgress"} {
				perms, _ := g[key].([]any)
				if len(perms) == 0 {
					continue
				}
				js, _ := json.Marshal(perms)
				cli(region, "revoke-security-group-"+dir, "--group-id", id, "--ip-permissions", string(js))
				revoked++
			}
		}
	}
	if revoked < 7 { // 3 regions x 2 directions, plus the app VPC's default group
		t.Fatalf("only %d revoke calls: the loop did not exercise the simulator", revoked)
	}
	for _, region := range names {
		for _, g := range s.SecurityGroups(acct, region) {
			if g.IsDefault() && len(g.Rules) > 0 {
				t.Errorf("%s %s still has rules after the CLI loop: %+v", region, g.ID, g.Rules)
			}
		}
	}
}

// cliRaw runs the AWS CLI against s as the first account, isolated from
// any real configuration, and returns its JSON output.
func cliRaw(t *testing.T, awsBin string, s *Server, region string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(awsBin, append([]string{"--endpoint-url", s.URL(), "--region", region, "--output", "json"}, args...)...)
	cmd.Env = []string{
		"PATH=" + getenv("PATH"), "HOME=" + t.TempDir(),
		"AWS_ACCESS_KEY_ID=" + s.AccessKeyFor(acct), "AWS_SECRET_ACCESS_KEY=test-secret",
		"AWS_DEFAULT_REGION=" + region, "AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null", "AWS_EC2_METADATA_DISABLED=true",
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("aws %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// compareRuleViews checks that the CLI and the SDK read the same rules.
func compareRuleViews(t *testing.T, s *Server, cliJSON []byte, region string) {
	t.Helper()
	var fromCLI struct{ SecurityGroupRules []map[string]any }
	decode(t, cliJSON, &fromCLI)
	out, err := ec2For(s, acct, region).DescribeSecurityGroupRules(ctxT(t), &ec2.DescribeSecurityGroupRulesInput{})
	if err != nil {
		t.Fatal(err)
	}
	var fromSDK []string
	for _, r := range out.SecurityGroupRules {
		peer := aws.ToString(r.CidrIpv4) + aws.ToString(r.CidrIpv6) + aws.ToString(r.PrefixListId)
		if r.ReferencedGroupInfo != nil {
			peer = aws.ToString(r.ReferencedGroupInfo.GroupId) + "@" + aws.ToString(r.ReferencedGroupInfo.UserId)
		}
		fromSDK = append(fromSDK, strings.Join([]string{aws.ToString(r.SecurityGroupRuleId), aws.ToString(r.GroupId),
			boolText(aws.ToBool(r.IsEgress)), aws.ToString(r.IpProtocol), itoa32(aws.ToInt32(r.FromPort)),
			itoa32(aws.ToInt32(r.ToPort)), peer, aws.ToString(r.Description)}, " "))
	}
	var viaCLI []string
	for _, r := range fromCLI.SecurityGroupRules {
		str := func(k string) string { v, _ := r[k].(string); return v }
		peer := str("CidrIpv4") + str("CidrIpv6") + str("PrefixListId")
		if ref, ok := r["ReferencedGroupInfo"].(map[string]any); ok {
			peer = ref["GroupId"].(string) + "@" + ref["UserId"].(string)
		}
		viaCLI = append(viaCLI, strings.Join([]string{str("SecurityGroupRuleId"), str("GroupId"),
			boolText(r["IsEgress"].(bool)), str("IpProtocol"), itoa32(int32(r["FromPort"].(float64))),
			itoa32(int32(r["ToPort"].(float64))), peer, str("Description")}, " "))
	}
	sort.Strings(fromSDK)
	sort.Strings(viaCLI)
	if len(fromSDK) < 8 || !reflect.DeepEqual(fromSDK, viaCLI) {
		t.Fatalf("CLI and SDK disagree:\nSDK:\n%s\nCLI:\n%s", strings.Join(fromSDK, "\n"), strings.Join(viaCLI, "\n"))
	}
}

func decode(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decoding CLI output: %v\n%s", err, data)
	}
}
