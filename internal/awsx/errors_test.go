package awsx

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
)

func TestClassify(t *testing.T) {
	api := func(code string) error { return &smithy.GenericAPIError{Code: code, Message: "m"} }
	cases := []struct {
		err  error
		want Class
	}{
		{nil, ClassNone},
		{api("UnauthorizedOperation"), ClassAccessDenied},
		{api("AccessDeniedException"), ClassAccessDenied},
		{api("OptInRequired"), ClassAccessDenied},
		{api("KMSAccessDenied"), ClassAccessDenied},
		{api("InvalidAction"), ClassUnavailable},
		{api("UnknownOperationException"), ClassUnavailable},
		{api("RequestLimitExceeded"), ClassRetryable},
		{api("ThrottlingException"), ClassRetryable},
		{api("InvalidGroup.NotFound"), ClassOther},
		{fmt.Errorf("wrapped: %w", api("AccessDenied")), ClassAccessDenied},
		{errors.New("connection refused"), ClassOther},
	}
	for _, c := range cases {
		if got := Classify(c.err); got != c.want {
			t.Errorf("Classify(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

func TestOpErrorNamesAccountRegionOperation(t *testing.T) {
	err := Wrap("111111111111", "eu-west-1", "ec2:DescribeVpcs", &smithy.GenericAPIError{Code: "UnauthorizedOperation", Message: "nope"})
	msg := err.Error()
	for _, want := range []string{"111111111111", "eu-west-1", "ec2:DescribeVpcs", "UnauthorizedOperation", "nope"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q does not mention %q", msg, want)
		}
	}
	if Wrap("a", "b", "c", nil) != nil {
		t.Fatal("Wrap(nil) must be nil")
	}
	if !errors.Is(Wrap("a", "b", "c", context.Canceled), context.Canceled) {
		t.Fatal("cancellation must stay detectable")
	}
	p := ProblemOf("", "", "", err)
	if p.Account != "111111111111" || p.Region != "eu-west-1" || p.Operation != "ec2:DescribeVpcs" || p.Class != "access-denied" {
		t.Fatalf("problem %+v", p)
	}
}

func TestRunKeepsSlotsAndBoundsConcurrency(t *testing.T) {
	units := make([]Unit, 50)
	for i := range units {
		units[i] = Unit{Account: "a", Region: fmt.Sprint(i)}
	}
	var inFlight, peak int64
	var mu = make(chan struct{}, 1)
	res, err := Run(context.Background(), 3, units, func(_ context.Context, i int, u Unit) (string, error) {
		mu <- struct{}{}
		inFlight++
		if inFlight > peak {
			peak = inFlight
		}
		<-mu
		defer func() { mu <- struct{}{}; inFlight--; <-mu }()
		return u.Region, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r != fmt.Sprint(i) {
			t.Fatalf("slot %d holds %q", i, r)
		}
	}
	if peak > 3 {
		t.Fatalf("peak concurrency %d > 3", peak)
	}
}
