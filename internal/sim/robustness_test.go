package sim

import (
	"net/http"
	"net/url"
	"sort"
	"testing"
)

// TestBadInputNeverPanics sends every EC2 action empty and junk parameters:
// each must answer with an AWS error or success, never a dropped
// connection or a 500 from a panic.
func TestBadInputNeverPanics(t *testing.T) {
	s := startScenario(t, demoForRobustness)
	junk := url.Values{
		"GroupId": {"sg-"}, "GroupName": {"default"}, "VpcId": {"vpc-zz"}, "SubnetId": {"subnet-"},
		"NetworkInterfaceId": {"eni-"}, "MaxResults": {"abc"}, "NextToken": {"%%%"}, "CidrBlock": {"::/0"},
		"Filter.1.Name": {"tag:"}, "Filter.x.Name": {"group-id"}, "GroupId.1": {"nope"},
		"IpPermissions.1.IpProtocol": {"tcp"}, "IpPermissions.1.FromPort": {"99999999999"},
		"IpPermissions.2.IpProtocol": {"-1"}, "IpPermissions.2.Groups.1.GroupName": {"missing"},
		"IpPermissions.3.IpProtocol": {"icmp"}, "IpPermissions.3.IpRanges.1.CidrIp": {"1.2.3.4"},
		"SecurityGroupRuleId.1": {"sgr-"}, "SecurityGroupId.1": {""}, "ResourceId.1": {"x-1"}, "Tag.1.Key": {""},
		"Description.Value": {""}, "GroupDescription": {"d"},
	}
	actions := make([]string, 0, len(ec2Ops))
	for a := range ec2Ops {
		actions = append(actions, a)
	}
	sort.Strings(actions)
	for _, action := range actions {
		for _, params := range []url.Values{{}, junk} {
			form := url.Values{"Action": {action}, "Version": {"2016-11-15"}}
			for k, v := range params {
				form[k] = v
			}
			resp, err := http.PostForm(s.URL(), form)
			if err != nil {
				t.Fatalf("%s: %v", action, err)
			}
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Errorf("%s %v: HTTP %d", action, params, resp.StatusCode)
			}
		}
	}
}

const demoForRobustness = `
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        network_interfaces: [{description: x}]
regions: [us-east-1]
`
