package sim

import "slices"

// What the update actions of every service share. Services whose groups
// can be changed (UpdateFunctionConfiguration, ModifyDBInstance,
// SetSecurityGroups…) keep their resources in their part of the region
// state like the read-only ones; their ops are wrapped in regionLocked so that a change and a read of the same account-region never
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

// Lambda, CodeBuild and ECS also share the pending → settled sequence a
// client polls, checking a subnet list, and moving the interfaces a change
// leaves behind to the resource's new placement.

// settlingReads is how many reads of a changed Lambda function or ECS
// service show the change still in progress (LastUpdateStatus InProgress,
// rolloutState IN_PROGRESS) before it is settled: enough for a client to
// learn that it must wait, and cheap to test.
const settlingReads = 1

// subnetsVPC checks that every id is a subnet and that they share one VPC.
// It returns that VPC, or the first unknown subnet (missing) or the first
// subnet in another VPC than the first one (stray).
func (st *regionState) subnetsVPC(ids []string) (vpcID, missing, stray string) {
	for _, id := range ids {
		sn := st.subnets[id]
		switch {
		case sn == nil:
			return "", id, ""
		case vpcID == "":
			vpcID = sn.VpcID
		case sn.VpcID != vpcID:
			return "", "", id
		}
	}
	return vpcID, "", ""
}

// place gives the interfaces owned reports the groups next and, when their
// subnet is not one of subnets, the first of subnets (the service replaces
// such an interface by one in the new subnets; the simulator moves it).
// The caller holds st.mu.
func (st *regionState) place(owned func(*NetworkInterface) bool, subnets, next []string) {
	var moved []*NetworkInterface // in id order, for deterministic addresses
	set := map[*NetworkInterface]bool{}
	for _, id := range sortedKeys(st.enis) {
		if n := st.enis[id]; owned(n) {
			moved, set[n] = append(moved, n), true
		}
	}
	st.retarget(func(n *NetworkInterface) bool { return set[n] }, next)
	if len(subnets) == 0 {
		return
	}
	sn := st.subnets[subnets[0]]
	for _, n := range moved {
		if sn != nil && !slices.Contains(subnets, n.SubnetID) {
			n.VpcID, n.SubnetID, n.AvailabilityZone = sn.VpcID, sn.ID, sn.AvailabilityZone
			n.PrivateIPAddress = st.nextAddress(sn)
		}
	}
}

// effectiveGroups are the groups an awsvpc task runs in: the configured
// ones, or the VPC's default group when none are configured.
func (st *regionState) effectiveGroups(vpcID string, groups []string) []string {
	if len(groups) > 0 {
		return groups
	}
	if g := st.groupByName(vpcID, "default"); g != nil {
		return []string{g.ID}
	}
	return nil
}
