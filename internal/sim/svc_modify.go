package sim

import (
	"slices"
	"strings"
)

// What the modify actions of RDS, ElastiCache and Redshift share: the
// modifying → available sequence a client polls, the memberships it sees
// meanwhile, and reading a group list parameter.

// modifyingDescribes is how many Describes that include a changed
// resource show it "modifying" before it is "available" again: enough for
// a client to learn that it must wait, and cheap to test.
const modifyingDescribes = 1

// groupStatus is one group of a resource as its Describe shows it.
type groupStatus struct{ ID, Status string }

// storeNamed finds a resource by name in one of the svcResources lists;
// the pointer is into the list, so changes stick.
func storeNamed(list []dataStore, name string) *dataStore {
	for i := range list {
		if list[i].Name == name {
			return &list[i]
		}
	}
	return nil
}

// setGroups records a change of d's groups, which leaves d modifying.
func (d *dataStore) setGroups(next []string) {
	d.Previous, d.Groups = d.Groups, slices.Clone(next)
	d.Pending = modifyingDescribes
}

// busy reports whether d is still applying a change: AWS refuses another
// modification until the resource is available.
func (d *dataStore) busy() bool { return d.Pending > 0 }

// view is d's status and groups as a Describe shows them. While modifying,
// new groups are "adding" and the groups d leaves "removing". count counts
// the Describe, so that a later one finds the change applied.
func (d *dataStore) view(count bool) (string, []groupStatus) {
	out := []groupStatus{}
	if d.Pending == 0 {
		for _, id := range d.Groups {
			out = append(out, groupStatus{id, "active"})
		}
		return "available", out
	}
	for _, id := range d.Groups {
		s := "active"
		if !slices.Contains(d.Previous, id) {
			s = "adding"
		}
		out = append(out, groupStatus{id, s})
	}
	for _, id := range d.Previous {
		if !slices.Contains(d.Groups, id) {
			out = append(out, groupStatus{id, "removing"})
		}
	}
	if count {
		if d.Pending--; d.Pending == 0 {
			d.Previous = nil
		}
	}
	return "modifying", out
}

// moveByGroups gives the service's interfaces of d (description starting
// with prefix, in d's VPC, carrying exactly d's current groups) the groups
// next, then records the change on d.
func (st *regionState) moveByGroups(d *dataStore, prefix string, next []string) {
	old := d.Groups
	st.retarget(func(n *NetworkInterface) bool {
		return strings.HasPrefix(n.Description, prefix) && n.VpcID == d.VpcID && sameGroups(n, old)
	}, next)
	d.setGroups(next)
}

// groupList reads a query-protocol list of group ids (prefix.1, prefix.2,
// ... with the service's own prefix, e.g. SecurityGroups.member or
// VpcSecurityGroupIds.VpcSecurityGroupId), dropping repeats.
func groupList(c *call, prefix string) []string {
	var out []string
	for _, id := range list(c.Form, prefix) {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// sameSet reports whether a and b hold the same ids in any order.
func sameSet(a, b []string) bool {
	return sameGroups(&NetworkInterface{Groups: a}, b)
}

// badGroup returns the first of ids that is not a group in vpcID, and that
// group's VPC ("" when it does not exist at all), for the service's error.
func (st *regionState) badGroup(vpcID string, ids []string) (id, inVpc string) {
	id = st.invalidGroup(vpcID, ids)
	if g := st.groups[id]; g != nil {
		inVpc = g.VpcID
	}
	return id, inVpc
}
