package guard

import (
	"context"
	"slices"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iampolicy"
)

// The guard role's policy grants every call the handler makes.
func TestGuardPolicyCoversEveryCallTheHandlerMakes(t *testing.T) {
	w := newWorld(t)
	added := w.addIngress(t, w.defaultSG, 1521)
	w.srv.ResetCalls()
	res, err := w.handler(Enforce, &memBackup{}, nil, nil).HandleJSON(context.Background(),
		event(t, "authorize-ingress.json", "sg-01f414f5313452cd1", w.defaultSG, "sgr-052f232f61106d4c4", added))
	if err != nil || res.Action != Revoked {
		t.Fatalf("%+v %v", res, err)
	}
	doc := iampolicy.Guard(iampolicy.GuardOptions{LogGroupARN: "arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/defaultsg-guard"})
	var allowed []string
	for _, st := range doc.Statement {
		allowed = append(allowed, st.Action...)
	}
	calls := w.srv.Calls()
	if len(calls) < 3 {
		t.Fatalf("only %d calls: the check would prove little", len(calls))
	}
	for _, c := range calls {
		if !slices.Contains(allowed, c.Service+":"+c.Action) {
			t.Errorf("the handler called %s:%s, which the guard policy does not grant", c.Service, c.Action)
		}
	}
	for _, a := range allowed {
		if a == "ec2:AuthorizeSecurityGroupIngress" || a == "ec2:AuthorizeSecurityGroupEgress" {
			t.Errorf("the guard role can add rules (%s)", a)
		}
	}
}
