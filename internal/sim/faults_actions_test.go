package sim

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

func TestActionFaultsAnswerOnlyTheMatchingAction(t *testing.T) {
	s := startServer(t, nil)
	c := ec2For(s, acct, "us-east-1")
	ctx := ctxT(t)
	s.SetActionFaults(ActionFault{Service: "ec2", Action: "DescribeNetworkInterfaces", Answer: AnswerError, Code: "UnsupportedOperation"})
	_, err := c.DescribeNetworkInterfaces(ctx, nil)
	wantCode(t, err, "UnsupportedOperation")
	if _, err := c.DescribeVpcs(ctx, nil); err != nil {
		t.Fatalf("an unmatched action was faulted: %v", err)
	}
	s.SetActionFaults(ActionFault{Service: "lambda", Answer: AnswerError, Code: "UnknownOperationException"})
	_, err = lambda.NewFromConfig(sdkConfig(s, acct, "us-east-1")).ListFunctions(ctx, nil)
	wantCode(t, err, "UnknownOperationException")
	if s.ActionFaultHits() != 1 {
		t.Fatalf("hits %d, want 1", s.ActionFaultHits())
	}
}

func TestActionFaultsEmptyHTMLAndStall(t *testing.T) {
	s := startServer(t, nil)
	get := func(a Answer) (*http.Response, string) {
		s.SetActionFaults(ActionFault{Action: "DescribeVpcs", Answer: a})
		resp, err := http.Post(s.URL(), "application/x-www-form-urlencoded", strings.NewReader("Action=DescribeVpcs&Version=2016-11-15"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	if resp, body := get(AnswerEmpty); resp.StatusCode != 200 || body != "" {
		t.Fatalf("empty: %d %q", resp.StatusCode, body)
	}
	if resp, body := get(AnswerHTML); resp.StatusCode != 200 || !strings.HasPrefix(body, "<!DOCTYPE html>") {
		t.Fatalf("html: %d %q", resp.StatusCode, body)
	}
	s.SetActionFaults(ActionFault{Action: "DescribeVpcs", Answer: AnswerStall})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := ec2For(s, acct, "us-east-1").DescribeVpcs(ctx, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("stall: %v, want the caller's deadline", err)
	}
}

func TestActionFaultLateAnswerStillMakesTheChange(t *testing.T) {
	s := startServer(t, nil)
	g := s.SecurityGroups(acct, "us-east-1")[0]
	s.SetActionFaults(ActionFault{Action: "RevokeSecurityGroupIngress", Answer: AnswerLate, Delay: 5 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var in []string
	for _, r := range g.Rules {
		if !r.Egress {
			in = append(in, r.ID)
		}
	}
	_, err := ec2For(s, acct, "us-east-1").RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{
		GroupId: aws.String(g.ID), SecurityGroupRuleIds: in})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("late: %v, want the caller's deadline", err)
	}
	if n := len(s.SecurityGroups(acct, "us-east-1")[0].Rules); n != len(g.Rules)-len(in) {
		t.Fatalf("%d rules left, want %d: a late answer still makes the change", n, len(g.Rules)-len(in))
	}
}
