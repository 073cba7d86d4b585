package sim

import (
	"regexp"
	"slices"
	"time"
)

// What the update actions of Lambda, CodeBuild and ECS share: the pending
// → settled sequence a client polls, checking a subnet list, and moving
// the interfaces a change leaves behind to the resource's new placement.

// settlingReads is how many reads of a changed Lambda function or ECS
// service show the change still in progress (LastUpdateStatus InProgress,
// rolloutState IN_PROGRESS) before it is settled: enough for a client to
// learn that it must wait, and cheap to test.
const settlingReads = 1

// lastModified is Lambda's LastModified format.
const lastModified = "2006-01-02T15:04:05.000-0700"

func lambdaNow() string { return time.Now().UTC().Format(lastModified) }

// uuidTail matches the UUID that ends Lambda interface descriptions, and
// ecsAttachment an ECS task interface's description (its attachment ARN).
var (
	uuidTail      = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	ecsAttachment = regexp.MustCompile(`^arn:aws[a-z-]*:ecs:[^:]+:\d+:attachment/[0-9a-f-]+$`)
)

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
