package sim

import "slices"

// Services whose groups can be changed (UpdateFunctionConfiguration,
// ModifyDBInstance, SetSecurityGroups…) keep their resources in svcResources
// and appResources like the read-only ones; their ops are wrapped in
// regionLocked so that a change and a read of the same account-region never
// race. A change also moves the interfaces the service created for the
// resource, as AWS does: usage read after a move sees the new groups on
// both the resource and its interfaces.

// regionLocked runs a non-EC2 op under the account-region's lock.
func regionLocked(fn op) op {
	return func(c *call) (any, *apiError) {
		c.state.mu.Lock()
		defer c.state.mu.Unlock()
		return fn(c)
	}
}

// retarget gives every interface that owned reports as the resource's the
// groups next. The caller holds st.mu.
func (st *regionState) retarget(owned func(*NetworkInterface) bool, next []string) {
	for _, n := range st.enis {
		if owned(n) {
			n.Groups = slices.Clone(next)
		}
	}
}

// sameGroups reports whether an interface carries exactly groups (in any
// order): for services whose interface descriptions do not name the
// resource (RDS, Redshift, ECS tasks), the interfaces of the resource are
// the service's interfaces in its VPC with the resource's old groups.
func sameGroups(n *NetworkInterface, groups []string) bool {
	if len(n.Groups) != len(groups) {
		return false
	}
	a, b := slices.Clone(n.Groups), slices.Clone(groups)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// invalidGroup checks that every id names a group in vpcID (the caller holds
// st.mu); it returns the first one that does not.
func (st *regionState) invalidGroup(vpcID string, ids []string) string {
	for _, id := range ids {
		g := st.groups[id]
		if g == nil || (vpcID != "" && g.VpcID != vpcID) {
			return id
		}
	}
	return ""
}
