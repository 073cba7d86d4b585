package sim

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

func TestDryRun(t *testing.T) {
	s := startServer(t, nil)
	c := ec2For(s, acct, "us-east-1")
	groups := s.SecurityGroups(acct, "us-east-1")
	_, err := c.RevokeSecurityGroupIngress(ctxT(t), &ec2.RevokeSecurityGroupIngressInput{DryRun: aws.Bool(true),
		GroupId: aws.String(groups[0].ID), SecurityGroupRuleIds: []string{groups[0].Rules[0].ID}})
	wantCode(t, err, "DryRunOperation")
	if got := s.SecurityGroups(acct, "us-east-1"); len(got[0].Rules) != 2 {
		t.Fatal("a dry run changed state")
	}
	s.SetFaults(Faults{Deny: []DenyRule{{Action: "Revoke*"}}})
	_, err = c.RevokeSecurityGroupIngress(ctxT(t), &ec2.RevokeSecurityGroupIngressInput{DryRun: aws.Bool(true), GroupId: aws.String(groups[0].ID)})
	wantCode(t, err, "UnauthorizedOperation")
	calls := s.Calls()
	if len(calls) != 2 || calls[0].HTTPStatus != http.StatusPreconditionFailed || calls[1].HTTPStatus != http.StatusForbidden ||
		!calls[0].DryRun || !calls[0].Mutating || calls[0].ErrorCode != "DryRunOperation" {
		t.Fatalf("calls %+v", calls)
	}
}

func TestDenyRules(t *testing.T) {
	s := startScenario(t, `
accounts:
  - {id: "111111111111"}
  - {id: "222222222222", access_key_id: AKIASECONDACCOUNT001}
regions: [us-east-1, eu-west-1]
faults:
  deny:
    - {account: "222222222222", service: ec2, action: "Describe*"}
    - {region: eu-west-1, action: DescribeSecurityGroups}
`)
	ctx := ctxT(t)
	_, err := ec2For(s, "222222222222", "us-east-1").DescribeVpcs(ctx, nil)
	wantCode(t, err, "UnauthorizedOperation")
	_, err = ec2For(s, acct, "eu-west-1").DescribeSecurityGroups(ctx, nil)
	wantCode(t, err, "UnauthorizedOperation")
	if _, err := ec2For(s, acct, "eu-west-1").DescribeVpcs(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := ec2For(s, acct, "us-east-1").DescribeSecurityGroups(ctx, nil); err != nil {
		t.Fatal(err)
	}
	s.SetFaults(Faults{Deny: []DenyRule{{Service: "sts"}}})
	_, err = sts.NewFromConfig(sdkConfig(s, acct, "us-east-1")).GetCallerIdentity(ctx, nil)
	wantCode(t, err, "AccessDenied")
}

func TestRandomThrottlingIsSeededAndRecorded(t *testing.T) {
	run := func() []string {
		s := startServer(t, nil)
		s.SetFaults(Faults{ThrottleRate: 0.5, ServerErrorRate: 0.2, Seed: 42})
		c := ec2For(s, acct, "us-east-1")
		for range 40 {
			_, _ = c.DescribeVpcs(ctxT(t), nil)
		}
		var codes []string
		for _, call := range s.Calls() {
			codes = append(codes, call.ErrorCode)
		}
		return codes
	}
	a, b := run(), run()
	if strings.Join(a, ",") != strings.Join(b, ",") {
		t.Fatalf("same seed, different faults:\n%v\n%v", a, b)
	}
	counts := map[string]int{}
	for _, code := range a {
		counts[code]++
	}
	if counts["RequestLimitExceeded"] == 0 || counts[""] == 0 || counts["InternalError"]+counts["ServiceUnavailable"] == 0 {
		t.Fatalf("fault mix %v", counts)
	}
}

func TestTokenBuckets(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := startServer(t, nil, WithClock(clock))
	s.SetFaults(Faults{TokenBuckets: true})
	c := ec2For(s, acct, "us-east-1")
	describe := func(n int) (throttled int) {
		for range n {
			if _, err := c.DescribeVpcs(ctxT(t), nil); err != nil {
				wantCode(t, err, "RequestLimitExceeded")
				throttled++
			}
		}
		return throttled
	}
	if got := describe(105); got != 5 {
		t.Fatalf("%d of 105 describes throttled, want 5 past the burst of 100", got)
	}
	if _, err := ec2For(s, acct, "eu-west-1").DescribeVpcs(ctxT(t), nil); err != nil {
		t.Fatalf("buckets are per region: %v", err)
	}
	mu.Lock()
	now = now.Add(time.Second)
	mu.Unlock()
	if got := describe(25); got != 5 {
		t.Fatalf("after 1s, %d of 25 throttled, want 5 (refill 20/s)", got)
	}
	// Mutating calls have their own, smaller bucket.
	for i := range 50 {
		if _, err := c.CreateTags(ctxT(t), &ec2.CreateTagsInput{Resources: []string{s.SecurityGroups(acct, "us-east-1")[0].ID},
			Tags: []typesTag{{Key: aws.String("k"), Value: aws.String("v")}}}); err != nil {
			t.Fatalf("mutating call %d: %v", i, err)
		}
	}
	_, err := c.CreateTags(ctxT(t), &ec2.CreateTagsInput{Resources: []string{"sg-1"}, Tags: []typesTag{{Key: aws.String("k")}}})
	wantCode(t, err, "RequestLimitExceeded")
}

func TestLatency(t *testing.T) {
	s := startScenario(t, "accounts: [{id: \"111111111111\"}]\nregions: [us-east-1]\nfaults: {latency: 30ms}\n")
	start := time.Now()
	if _, err := ec2For(s, acct, "us-east-1").DescribeVpcs(ctxT(t), nil); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Fatalf("call took %v, want at least the 30ms latency", d)
	}
}

func TestCallRecordAndRouting(t *testing.T) {
	var log bytes.Buffer
	s := startScenario(t, `
accounts:
  - {id: "111111111111", access_key_id: AKIAFIRST00000000001}
  - {id: "222222222222", access_key_id: AKIASECOND0000000002}
regions: [us-east-1, {name: af-south-1, opt_in_status: not-opted-in}]
`, WithLogger(&log))
	ctx := ctxT(t)
	id, err := sts.NewFromConfig(sdkConfig(s, "222222222222", "us-east-1")).GetCallerIdentity(ctx, nil)
	if err != nil || aws.ToString(id.Account) != "222222222222" || !strings.HasSuffix(aws.ToString(id.Arn), ":user/sim") {
		t.Fatalf("GetCallerIdentity: %v %+v", err, id)
	}
	cfg := sdkConfig(s, acct, "us-east-1")
	cfg.Credentials = aws.NewCredentialsCache(staticCreds("AKIAUNKNOWN000000000"))
	id, err = sts.NewFromConfig(cfg).GetCallerIdentity(ctx, nil)
	if err != nil || aws.ToString(id.Account) != acct {
		t.Fatalf("unknown key should map to the first account: %v %+v", err, id)
	}
	_, err = ec2For(s, acct, "af-south-1").DescribeVpcs(ctx, nil)
	wantCode(t, err, "AuthFailure")
	if _, err := ec2For(s, acct, "us-east-1").CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("x"), Description: aws.String("x")}); err != nil {
		t.Fatal(err)
	}
	resp, err := http.PostForm(s.URL(), url.Values{"Action": {"FlyToTheMoon"}, "Version": {"2016-11-15"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("unknown action: HTTP %d", resp.StatusCode)
	}
	want := []Call{
		{Account: "222222222222", Region: "us-east-1", Service: "sts", Action: "GetCallerIdentity", HTTPStatus: 200},
		{Account: acct, Region: "us-east-1", Service: "sts", Action: "GetCallerIdentity", HTTPStatus: 200},
		{Account: acct, Region: "af-south-1", Service: "ec2", Action: "DescribeVpcs", ErrorCode: "AuthFailure", HTTPStatus: 401},
		{Account: acct, Region: "us-east-1", Service: "ec2", Action: "CreateSecurityGroup", Mutating: true, HTTPStatus: 200},
		{Account: acct, Region: "us-east-1", Service: "ec2", Action: "FlyToTheMoon", ErrorCode: "InvalidAction", HTTPStatus: 400},
	}
	got := s.Calls()
	if len(got) != len(want) {
		t.Fatalf("calls %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("call %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if lines := strings.Count(log.String(), "\n"); lines != len(want) || !strings.Contains(log.String(), "ec2:FlyToTheMoon") {
		t.Errorf("request log (%d lines):\n%s", lines, log.String())
	}
	s.ResetCalls()
	if len(s.Calls()) != 0 {
		t.Fatal("ResetCalls kept calls")
	}
}

func TestStartOnRefusesNonLoopback(t *testing.T) {
	s, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0", "example.com:80"} {
		if _, err := s.StartOn(addr); err == nil {
			t.Fatalf("StartOn(%q) succeeded", addr)
		}
	}
	u, err := s.StartOn("localhost:0")
	if err != nil || s.URL() != u {
		t.Fatalf("localhost: %v %s", err, u)
	}
	if _, err := s.Start(); err == nil {
		t.Fatal("second start succeeded")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentClients(t *testing.T) {
	s := startServer(t, nil)
	var wg sync.WaitGroup
	for _, region := range standardNames[:6] {
		for i := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := ec2For(s, acct, region)
				out, err := c.CreateSecurityGroup(ctxT(t), &ec2.CreateSecurityGroupInput{GroupName: aws.String(string(rune('a' + i))), Description: aws.String("d")})
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := c.DescribeSecurityGroups(ctxT(t), &ec2.DescribeSecurityGroupsInput{GroupIds: []string{*out.GroupId}}); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	if n := len(s.Calls()); n != 48 {
		t.Fatalf("%d calls recorded, want 48", n)
	}
}
