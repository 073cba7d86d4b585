package guard

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iampolicy"
	"github.com/defaultsg/defaultsg/internal/sim"
)

// The guard role's policy grants every call the handler makes, with the
// records kept in S3 too (as guard handle does with a backup bucket).
func TestGuardPolicyCoversEveryCallTheHandlerMakes(t *testing.T) {
	w := newWorld(t)
	added := w.addIngress(t, w.defaultSG, 1521)
	w.srv.ResetCalls()
	const prefix = "defaultsg-guard/" // guard --backup-prefix's default
	res, err := w.handler(Enforce, Backups{&memBackup{}, w.s3Backup(prefix)}, nil, nil).HandleJSON(context.Background(),
		event(t, "authorize-ingress.json", "sg-01f414f5313452cd1", w.defaultSG, "sgr-052f232f61106d4c4", added))
	if err != nil || res.Action != Revoked {
		t.Fatalf("%+v %v", res, err)
	}
	doc := iampolicy.Guard(iampolicy.GuardOptions{LogGroupARN: "arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/defaultsg-guard",
		BackupBucket: testBucket, BackupPrefix: prefix})
	var allowed, s3Resources []string
	for _, st := range doc.Statement {
		allowed = append(allowed, st.Action...)
		if slices.Contains(st.Action, "s3:PutObject") {
			s3Resources = append(s3Resources, st.Resource...)
		}
	}
	// The objects written are under the resource the role grants.
	objs := w.srv.S3Objects(testBucket)
	if len(objs) != 1 || len(s3Resources) != 1 {
		t.Fatalf("objects %d, S3 resources %v", len(objs), s3Resources)
	}
	for k := range objs {
		if arn := "arn:aws:s3:::" + testBucket + "/" + k; !strings.HasPrefix(arn, strings.TrimSuffix(s3Resources[0], "*")) {
			t.Errorf("object %s is not under the granted %s", arn, s3Resources[0])
		}
	}
	calls := w.srv.Calls()
	if !slices.ContainsFunc(calls, func(c sim.Call) bool { return c.Service == "s3" }) {
		t.Fatal("no S3 call: the check would prove nothing about S3")
	}
	if len(calls) < 5 {
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
