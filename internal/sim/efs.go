package sim

import (
	"net/http"
	"strings"
)

// EFS (REST-JSON): file systems, their mount targets, and each mount
// target's groups, which only DescribeMountTargetSecurityGroups returns.

var efsOps = map[string]op{
	"DescribeFileSystems":               describeFileSystems,
	"DescribeMountTargets":              describeMountTargets,
	"DescribeMountTargetSecurityGroups": describeMountTargetSecurityGroups,
}

const efsPrefix = "/2015-02-01/"

// efsRoute names the action of an EFS request from its method and path.
func efsRoute(r *http.Request) string {
	p, ok := strings.CutPrefix(r.URL.Path, efsPrefix)
	if !ok || r.Method != http.MethodGet {
		return ""
	}
	switch parts := strings.Split(p, "/"); {
	case p == "file-systems":
		return "DescribeFileSystems"
	case p == "mount-targets":
		return "DescribeMountTargets"
	case len(parts) == 3 && parts[0] == "mount-targets" && parts[2] == "security-groups":
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
			LifeCycleState: "available", OwnerID: c.Account})
	}
	return out, nil
}

func describeMountTargetSecurityGroups(c *call) (any, *apiError) {
	id := strings.Split(strings.TrimPrefix(c.HTTP.URL.Path, efsPrefix), "/")[1]
	for _, f := range c.state.svc.fileSystems {
		for _, m := range f.MountTargets {
			if m.ID == id {
				return struct {
					SecurityGroups []string `json:"SecurityGroups"`
				}{append([]string{}, m.Groups...)}, nil
			}
		}
	}
	return nil, errf(http.StatusNotFound, "MountTargetNotFound", "Mount target '%s' does not exist.", id)
}
