package sim

import (
	"net/http"
	"slices"
	"strings"
)

// EFS (REST-JSON): file systems, their mount targets, and each mount
// target's groups, which only DescribeMountTargetSecurityGroups returns and
// ModifyMountTargetSecurityGroups replaces.

var efsOps = map[string]op{
	"DescribeFileSystems":               regionLocked(describeFileSystems),
	"DescribeMountTargets":              regionLocked(describeMountTargets),
	"DescribeMountTargetSecurityGroups": regionLocked(describeMountTargetSecurityGroups),
	"ModifyMountTargetSecurityGroups":   regionLocked(modifyMountTargetSecurityGroups),
}

const efsPrefix = "/2015-02-01/"

// efsMaxGroups is EFS's limit of groups per mount target.
const efsMaxGroups = 5

// efsRoute names the action of an EFS request from its method and path.
func efsRoute(r *http.Request) string {
	p, ok := strings.CutPrefix(r.URL.Path, efsPrefix)
	if !ok {
		return ""
	}
	parts := strings.Split(p, "/")
	groups := len(parts) == 3 && parts[0] == "mount-targets" && parts[2] == "security-groups"
	switch {
	case r.Method == http.MethodPut && groups:
		return "ModifyMountTargetSecurityGroups"
	case r.Method != http.MethodGet:
		return ""
	case p == "file-systems":
		return "DescribeFileSystems"
	case p == "mount-targets":
		return "DescribeMountTargets"
	case groups:
		return "DescribeMountTargetSecurityGroups"
	}
	return ""
}

type jsonTag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

type jsonFileSystem struct {
	FileSystemID         string    `json:"FileSystemId"`
	FileSystemArn        string    `json:"FileSystemArn"`
	Name                 string    `json:"Name,omitempty"`
	OwnerID              string    `json:"OwnerId"`
	CreationToken        string    `json:"CreationToken"`
	LifeCycleState       string    `json:"LifeCycleState"`
	NumberOfMountTargets int       `json:"NumberOfMountTargets"`
	Tags                 []jsonTag `json:"Tags"`
}

func describeFileSystems(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	var ids []string
	if id := q.Get("FileSystemId"); id != "" {
		ids = []string{id}
	}
	items, missing := selected(c.state.svc.fileSystems, func(f fileSystem) string { return f.ID }, ids)
	if missing != "" {
		return nil, errf(http.StatusNotFound, "FileSystemNotFound", "File system '%s' does not exist.", missing)
	}
	from, to, next, err := pager{"MaxItems", "Marker", 1, 1000, 100, "BadRequest"}.page(c, q.Get, len(items))
	if err != nil {
		return nil, err
	}
	out := struct {
		FileSystems []jsonFileSystem `json:"FileSystems"`
		NextMarker  string           `json:"NextMarker,omitempty"`
	}{FileSystems: []jsonFileSystem{}, NextMarker: next}
	for _, f := range items[from:to] {
		fs := jsonFileSystem{FileSystemID: f.ID, FileSystemArn: f.ARN, Name: f.Name, OwnerID: c.Account,
			CreationToken: f.ID, LifeCycleState: "available", NumberOfMountTargets: len(f.MountTargets), Tags: []jsonTag{}}
		for _, t := range f.Tags {
			fs.Tags = append(fs.Tags, jsonTag(t))
		}
		out.FileSystems = append(out.FileSystems, fs)
	}
	return out, nil
}

type jsonMountTarget struct {
	MountTargetID        string `json:"MountTargetId"`
	FileSystemID         string `json:"FileSystemId"`
	SubnetID             string `json:"SubnetId"`
	VpcID                string `json:"VpcId"`
	AvailabilityZoneName string `json:"AvailabilityZoneName"`
	IPAddress            string `json:"IpAddress"`
	LifeCycleState       string `json:"LifeCycleState"`
	OwnerID              string `json:"OwnerId"`
	NetworkInterfaceID   string `json:"NetworkInterfaceId,omitempty"`
}

func describeMountTargets(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	fsID, mtID := q.Get("FileSystemId"), q.Get("MountTargetId")
	if (fsID == "") == (mtID == "") {
		return nil, errf(http.StatusBadRequest, "BadRequest", "Exactly one of FileSystemId or MountTargetId is required")
	}
	var items []mountTarget
	for _, f := range c.state.svc.fileSystems {
		for _, m := range f.MountTargets {
			if m.FileSystemID == fsID || m.ID == mtID {
				items = append(items, m)
			}
		}
	}
	if len(items) == 0 && mtID != "" {
		return nil, errf(http.StatusNotFound, "MountTargetNotFound", "Mount target '%s' does not exist.", mtID)
	}
	if fsID != "" {
		if _, missing := selected(c.state.svc.fileSystems, func(f fileSystem) string { return f.ID }, []string{fsID}); missing != "" {
			return nil, errf(http.StatusNotFound, "FileSystemNotFound", "File system '%s' does not exist.", fsID)
		}
	}
	from, to, next, err := pager{"MaxItems", "Marker", 1, 100, 10, "BadRequest"}.page(c, q.Get, len(items))
	if err != nil {
		return nil, err
	}
	out := struct {
		MountTargets []jsonMountTarget `json:"MountTargets"`
		NextMarker   string            `json:"NextMarker,omitempty"`
	}{MountTargets: []jsonMountTarget{}, NextMarker: next}
	for _, m := range items[from:to] {
		out.MountTargets = append(out.MountTargets, jsonMountTarget{MountTargetID: m.ID, FileSystemID: m.FileSystemID,
			SubnetID: m.SubnetID, VpcID: m.VpcID, AvailabilityZoneName: m.AvailabilityZone, IPAddress: m.IPAddress,
			LifeCycleState: "available", OwnerID: c.Account, NetworkInterfaceID: m.NetworkInterfaceID})
	}
	return out, nil
}

// mountTargetOf finds the mount target a .../mount-targets/{id}/... path
// names; the pointer is into svcResources, so changes stick.
func mountTargetOf(c *call) (*mountTarget, *apiError) {
	id := strings.Split(strings.TrimPrefix(c.HTTP.URL.Path, efsPrefix), "/")[1]
	for i := range c.state.svc.fileSystems {
		f := &c.state.svc.fileSystems[i]
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
