package sim

import (
	"net/http"
	"slices"
	"strings"
)

// The groups of an EFS mount target, which only
// DescribeMountTargetSecurityGroups returns and ModifyMountTargetSecurityGroups
// replaces.

// mountTargetOf finds the mount target a .../mount-targets/{id}/... path
// names; the pointer is into the region state, so changes stick.
func mountTargetOf(c *call) (*mountTarget, *apiError) {
	id := strings.Split(strings.TrimPrefix(c.HTTP.URL.Path, efsPrefix), "/")[1]
	for i := range c.state.fileSystems {
		f := &c.state.fileSystems[i]
		for j := range f.MountTargets {
			if f.MountTargets[j].ID == id {
				return &f.MountTargets[j], nil
			}
		}
	}
	return nil, errf(http.StatusNotFound, "MountTargetNotFound", "Mount target '%s' does not exist.", id)
}

func describeMountTargetSecurityGroups(c *call) (any, *apiError) {
	m, e := mountTargetOf(c)
	if e != nil {
		return nil, e
	}
	return struct {
		SecurityGroups []string `json:"SecurityGroups"`
	}{nonNil(m.Groups)}, nil
}

// modifyMountTargetSecurityGroups replaces a mount target's groups (1 to
// 5, all in its VPC) and moves its interface: NetworkInterfaceID, or the
// interface described "EFS mount target for <fs> (<fsmt>)". AWS answers
// 204 with no body; an empty JSON object reads the same to the SDK.
func modifyMountTargetSecurityGroups(c *call) (any, *apiError) {
	m, e := mountTargetOf(c)
	if e != nil {
		return nil, e
	}
	var in struct{ SecurityGroups []string }
	if e := decodeJSON(c, &in); e != nil {
		return nil, e
	}
	var next []string
	for _, id := range in.SecurityGroups {
		if !slices.Contains(next, id) {
			next = append(next, id)
		}
	}
	switch id := c.state.invalidGroup(m.VpcID, next); {
	case len(next) == 0:
		return nil, errf(http.StatusBadRequest, "BadRequest", "SecurityGroups must list at least one security group")
	case len(next) > efsMaxGroups:
		return nil, errf(http.StatusBadRequest, "SecurityGroupLimitExceeded",
			"The mount target can have at most %d security groups, got %d.", efsMaxGroups, len(next))
	case id != "":
		return nil, errf(http.StatusBadRequest, "SecurityGroupNotFound", "Security group '%s' does not exist in VPC '%s'.", id, m.VpcID)
	}
	desc := "EFS mount target for " + m.FileSystemID + " (" + m.ID + ")"
	c.state.retarget(func(n *NetworkInterface) bool {
		return (m.NetworkInterfaceID != "" && n.ID == m.NetworkInterfaceID) || strings.HasPrefix(n.Description, desc)
	}, next)
	m.Groups = next
	return struct{}{}, nil
}
