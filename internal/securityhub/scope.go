package securityhub

import (
	"sort"

	"github.com/defaultsg/defaultsg/internal/inventory"
)

// Group names one default group.
type Group struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	GroupID string `json:"group_id"`
}

func (g Group) key() string { return g.Account + "/" + g.Region + "/" + g.GroupID }

// Comparison puts Security Hub's FAILED EC2.2 findings next to the default
// groups read now. InScope is what --from-securityhub narrows a command to;
// the other lists are shown, never dropped silently.
type Comparison struct {
	// Source says where the findings were read: "each account-region" or
	// the aggregation region.
	Source string `json:"source"`
	// InScope: Security Hub lists the group FAILED and it is a default
	// group now (with rules or not).
	InScope []Group `json:"in_scope"`
	// ListedButCompliant: FAILED in Security Hub, yet without a rule now:
	// Security Hub has not re-evaluated it since it was closed. In scope.
	ListedButCompliant []Group `json:"listed_but_compliant_now"`
	// NotListed: with rules now (non-compliant) but no FAILED finding:
	// not evaluated yet, suppressed, or Security Hub not enabled there. Out
	// of scope, shown.
	NotListed []Group `json:"not_listed"`
	// ListedNotFound: FAILED findings on groups that are not among the
	// default groups read (a deleted VPC whose finding is not archived yet).
	ListedNotFound []Group `json:"listed_not_found"`
	// NotEnabled are the account/regions where Security Hub is not enabled.
	NotEnabled []string `json:"securityhub_not_enabled"`
}

// Compare builds the comparison. groups are the default groups read (with
// the user's --vpc-ids/--group-ids); filtered says such a filter was given,
// so findings on other groups are outside the selection, not "not found".
// read says whether an account/region was read (findings elsewhere are
// outside the run's scope).
func Compare(source string, groups []inventory.Group, failed []Finding, notEnabled []string, filtered bool, read func(account, region string) bool) Comparison {
	c := Comparison{Source: source, InScope: []Group{}, ListedButCompliant: []Group{}, NotListed: []Group{}, ListedNotFound: []Group{}, NotEnabled: notEnabled}
	if c.NotEnabled == nil {
		c.NotEnabled = []string{}
	}
	listed := map[string]bool{}
	for _, f := range failed {
		if f.Status == "FAILED" {
			listed[f.key()] = true
		}
	}
	found := map[string]bool{}
	for _, g := range groups {
		ref := Group{Account: g.Account, Region: g.Region, GroupID: g.GroupID}
		found[ref.key()] = true
		switch {
		case listed[ref.key()]:
			c.InScope = append(c.InScope, ref)
			if g.Compliant() {
				c.ListedButCompliant = append(c.ListedButCompliant, ref)
			}
		case !g.Compliant():
			c.NotListed = append(c.NotListed, ref)
		}
	}
	for _, f := range failed {
		ref := Group{Account: f.Account, Region: f.Region, GroupID: f.GroupID}
		if f.Status == "FAILED" && !found[ref.key()] && !filtered && read(f.Account, f.Region) {
			c.ListedNotFound = append(c.ListedNotFound, ref)
		}
	}
	for _, l := range [][]Group{c.InScope, c.ListedButCompliant, c.NotListed, c.ListedNotFound} {
		sort.Slice(l, func(i, j int) bool { return l[i].key() < l[j].key() })
	}
	sort.Strings(c.NotEnabled)
	return c
}

// ByRegion is InScope as group ids per "account/region", the form
// inventory.Filter.ByRegion takes. Never nil: an empty scope selects no
// group, not every group.
func (c Comparison) ByRegion() map[string][]string {
	out := map[string][]string{}
	for _, g := range c.InScope {
		k := g.Account + "/" + g.Region
		out[k] = append(out[k], g.GroupID)
	}
	return out
}

// IDs are the group ids in scope.
func (c Comparison) IDs() []string {
	out := make([]string, len(c.InScope))
	for i, g := range c.InScope {
		out[i] = g.GroupID
	}
	return out
}
