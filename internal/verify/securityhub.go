package verify

import (
	"time"

	"github.com/defaultsg/defaultsg/internal/securityhub"
)

// What Security Hub says of a group, next to its rules now.
const (
	HubNotListed      = "not listed"           // no active EC2.2 finding on the group
	HubNotReEvaluated = "not yet re-evaluated" // the finding contradicts the rules now
	HubNotEnabled     = "securityhub not enabled"
)

// SecurityHubView is Security Hub's EC2.2 finding on one default group next
// to what defaultsg reads now.
type SecurityHubView struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	GroupID string `json:"group_id"`
	// SecurityHub is FAILED or PASSED where the finding matches the rules
	// now, "not yet re-evaluated" where it does not, "not listed" without
	// a finding, "securityhub not enabled" where it is off.
	SecurityHub string `json:"securityhub"`
	// Finding is the finding's Compliance.Status ("" without one), and
	// UpdatedAt when Security Hub last updated it.
	Finding   string     `json:"finding_status"`
	UpdatedAt *time.Time `json:"finding_updated_at,omitempty"`
	Compliant bool       `json:"compliant_now"` // no inbound and no outbound rule now
	Agree     bool       `json:"agree"`
}

// SecurityHubViews puts every group's finding next to its rules now.
// notEnabled are the "account/region"s where Security Hub is off.
func SecurityHubViews(groups []GroupNow, findings []securityhub.Finding, notEnabled []string) []SecurityHubView {
	byGroup := map[string]securityhub.Finding{}
	for _, f := range findings {
		byGroup[f.Account+"/"+f.Region+"/"+f.GroupID] = f
	}
	off := map[string]bool{}
	for _, k := range notEnabled {
		off[k] = true
	}
	out := make([]SecurityHubView, 0, len(groups))
	for _, g := range groups {
		v := SecurityHubView{Account: g.Account, Region: g.Region, GroupID: g.GroupID, Compliant: g.Compliant}
		f, listed := byGroup[g.Account+"/"+g.Region+"/"+g.GroupID]
		switch {
		case off[g.Account+"/"+g.Region]:
			v.SecurityHub = HubNotEnabled
		case !listed:
			v.SecurityHub = HubNotListed
		default:
			at := f.UpdatedAt
			v.Finding, v.UpdatedAt = f.Status, &at
			switch {
			case f.Status == "FAILED" && g.Compliant, f.Status == "PASSED" && !g.Compliant:
				v.SecurityHub = HubNotReEvaluated
			default:
				v.SecurityHub = f.Status
				v.Agree = f.Status == "FAILED" || f.Status == "PASSED"
			}
		}
		out = append(out, v)
	}
	return out
}
