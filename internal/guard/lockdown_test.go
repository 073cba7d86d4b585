package guard

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/defaultsg/defaultsg/internal/sim"
)

func cfnEndpoint(t *testing.T) (*httptest.Server, *[]map[string]any) {
	var got []map[string]any
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPut {
			t.Errorf("method %s", r.Method)
		}
		b, _ := io.ReadAll(r.Body)
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Errorf("response body %q: %v", b, err)
		}
		got = append(got, m)
	}))
	t.Cleanup(s.Close)
	return s, &got
}

func crEvent(url, typ string) CustomResourceEvent {
	return CustomResourceEvent{RequestType: typ, ResponseURL: url + "/presigned",
		StackID:   "arn:aws:cloudformation:us-east-1:" + account + ":stack/defaultsg-guard/1d2c3b4a",
		RequestID: "req-1", LogicalResourceID: "GuardLockdown"}
}

func TestLockdownAtDeployClosesEveryDefaultGroupAndAnswersCloudFormation(t *testing.T) {
	w := newWorld(t)
	if _, err := w.ec2.CreateVpc(context.Background(), &ec2.CreateVpcInput{CidrBlock: aws.String("10.1.0.0/16")}); err != nil {
		t.Fatal(err)
	}
	web := w.addIngress(t, w.otherSG, 443)
	cfn, got := cfnEndpoint(t)
	raw, _ := json.Marshal(crEvent(cfn.URL, "Create"))
	cr, ok := AsCustomResource(raw)
	if !ok {
		t.Fatal("a custom resource request was not recognised")
	}
	if _, ok := AsCustomResource(event(t, "authorize-ingress.json")); ok {
		t.Fatal("an EventBridge event was taken for a custom resource request")
	}
	var mem memBackup
	res, err := w.handler(Enforce, &mem, nil, nil).HandleCustomResource(context.Background(), cr, cfn.Client())
	if err != nil || len(res.Groups) != 2 || res.Region != "us-east-1" || res.Account != account {
		t.Fatalf("%+v %v", res, err)
	}
	for _, g := range res.Groups {
		if g.Action != Revoked {
			t.Errorf("%s: %s", g.GroupID, g.Action)
		}
		if left := w.ruleIDs(t, g.GroupID); len(left) != 0 {
			t.Errorf("%s keeps %v", g.GroupID, left)
		}
	}
	if !has(w.ruleIDs(t, w.otherSG), web) {
		t.Error("a non-default group lost its rule")
	}
	if len(mem.records) != 2 {
		t.Errorf("%d backup records", len(mem.records))
	}
	if len(*got) != 1 || (*got)[0]["Status"] != "SUCCESS" || (*got)[0]["RequestId"] != "req-1" || (*got)[0]["LogicalResourceId"] != "GuardLockdown" {
		t.Errorf("CloudFormation was told %v", *got)
	}
	// Deleting the stack answers and revokes nothing more.
	res, err = w.handler(Enforce, &mem, nil, nil).HandleCustomResource(context.Background(), crEvent(cfn.URL, "Delete"), cfn.Client())
	if err != nil || len(res.Groups) != 0 || len(*got) != 2 || (*got)[1]["Status"] != "SUCCESS" {
		t.Errorf("delete: %+v %v %v", res, err, *got)
	}
}

func TestLockdownFailureIsReportedToCloudFormation(t *testing.T) {
	w := newWorld(t)
	w.srv.SetFaults(sim.Faults{Deny: []sim.DenyRule{{Service: "ec2", Action: "Revoke*"}}})
	cfn, got := cfnEndpoint(t)
	res, err := w.handler(Enforce, &memBackup{}, nil, nil).HandleCustomResource(context.Background(), crEvent(cfn.URL, "Create"), cfn.Client())
	if err == nil {
		t.Fatal("no error")
	}
	if len(*got) != 1 || (*got)[0]["Status"] != "FAILED" {
		t.Errorf("CloudFormation was told %v", *got)
	}
	if !res.Answered {
		t.Error("not marked answered")
	}
}

func TestLockdownNotAnsweredIsAnError(t *testing.T) {
	w := newWorld(t)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusForbidden) }))
	t.Cleanup(s.Close)
	res, err := w.handler(Enforce, &memBackup{}, nil, nil).HandleCustomResource(context.Background(), crEvent(s.URL, "Create"), s.Client())
	if err == nil || res.Answered || !strings.Contains(err.Error(), "answering CloudFormation") {
		t.Errorf("%+v %v", res, err)
	}
}
