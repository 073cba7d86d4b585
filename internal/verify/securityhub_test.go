package verify

import (
	"testing"
	"time"

	"github.com/defaultsg/defaultsg/internal/securityhub"
)

func TestSecurityHubViews(t *testing.T) {
	groups := []GroupNow{
		{Account: "a", Region: "r", GroupID: "sg-closed-failed", Compliant: true},
		{Account: "a", Region: "r", GroupID: "sg-open-failed"},
		{Account: "a", Region: "r", GroupID: "sg-closed-passed", Compliant: true},
		{Account: "a", Region: "r", GroupID: "sg-open-passed"},
		{Account: "a", Region: "r", GroupID: "sg-unlisted"},
		{Account: "a", Region: "off", GroupID: "sg-off"},
	}
	f := func(id, status string) securityhub.Finding {
		return securityhub.Finding{Account: "a", Region: "r", GroupID: id, Status: status, UpdatedAt: time.Now()}
	}
	views := SecurityHubViews(groups, []securityhub.Finding{f("sg-closed-failed", "FAILED"), f("sg-open-failed", "FAILED"),
		f("sg-closed-passed", "PASSED"), f("sg-open-passed", "PASSED")}, []string{"a/off"})
	want := map[string]struct {
		hub   string
		agree bool
	}{
		"sg-closed-failed": {HubNotReEvaluated, false}, "sg-open-failed": {"FAILED", true},
		"sg-closed-passed": {"PASSED", true}, "sg-open-passed": {HubNotReEvaluated, false},
		"sg-unlisted": {HubNotListed, false}, "sg-off": {HubNotEnabled, false},
	}
	if len(views) != len(groups) {
		t.Fatalf("%d views for %d groups", len(views), len(groups))
	}
	for _, v := range views {
		if w := want[v.GroupID]; v.SecurityHub != w.hub || v.Agree != w.agree {
			t.Errorf("%s: got %s agree=%v, want %s agree=%v", v.GroupID, v.SecurityHub, v.Agree, w.hub, w.agree)
		}
	}
}
