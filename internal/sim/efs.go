package sim

import (
	"net/http"
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
	CreationTime         int64     `json:"CreationTime"`
	PerformanceMode      string    `json:"PerformanceMode"`
	SizeInBytes          struct {
		Value int64 `json:"Value"`
	} `json:"SizeInBytes"`
}

func describeFileSystems(c *call) (any, *apiError) {
	q := c.HTTP.URL.Query()
	var ids []string
	if id := q.Get("FileSystemId"); id != "" {
		ids = []string{id}
	}
	items, missing := selected(c.state.fileSystems, func(f fileSystem) string { return f.ID }, ids)
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
			CreationToken: f.ID, LifeCycleState: "available", NumberOfMountTargets: len(f.MountTargets), Tags: []jsonTag{},
			CreationTime: created.Unix(), PerformanceMode: "generalPurpose"}
		fs.SizeInBytes.Value = 6144 // an empty file system's metadata
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
	for _, f := range c.state.fileSystems {
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
		if _, missing := selected(c.state.fileSystems, func(f fileSystem) string { return f.ID }, []string{fsID}); missing != "" {
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

// efsSpecs are EFS's part of a region's scenario.
type efsSpecs struct {
	FileSystems []FileSystemSpec `yaml:"efs_file_systems"`
}

// efsState is EFS's part of a regionState; mount targets' groups change,
// so every op runs under the region lock.
type efsState struct {
	fileSystems []fileSystem
}

// FileSystemSpec is an EFS file system with its mount targets.
type FileSystemSpec struct {
	ID           string            `yaml:"id"` // pin the fs- id
	Name         string            `yaml:"name"`
	Tags         map[string]string `yaml:"tags"`
	MountTargets []MountTargetSpec `yaml:"mount_targets"`
}

// MountTargetSpec is an EFS mount target; omitted groups are the VPC's
// default group.
type MountTargetSpec struct {
	ID        string `yaml:"id"`     // pin the fsmt- id
	Subnet    string `yaml:"subnet"` // omitted = the VPC's first subnet
	Placement `yaml:",inline"`
}

type fileSystem struct {
	ID, ARN, Name string
	Tags          []Tag
	MountTargets  []mountTarget
}

type mountTarget struct {
	ID, FileSystemID, SubnetID, VpcID, AvailabilityZone, IPAddress, NetworkInterfaceID string
	Groups                                                                             []string
}

func (b *builder) addFileSystems() error {
	for i, fs := range b.res.FileSystems {
		at := path{"efs_file_systems", i}
		id, err := b.pinOrNext(fs.ID, "fs", append(at, "id"))
		if err != nil {
			return err
		}
		out := fileSystem{ID: id, ARN: b.arn("elasticfilesystem", "file-system/"+id), Name: fs.Name, Tags: tagsOf(fs.Tags, fs.Name)}
		for j, mt := range fs.MountTargets {
			mat := append(append(path{}, at...), "mount_targets", j)
			vpcID, ids, err := b.placed(mt.Placement, true, mat)
			if err != nil {
				return err
			}
			if len(out.MountTargets) > 0 && out.MountTargets[0].VpcID != vpcID {
				return b.errAt(append(mat, "vpc"), "all mount targets of a file system are in one VPC")
			}
			sn, err := b.subnetOf(vpcID, mt.Subnet, append(mat, "subnet"))
			if err != nil {
				return err
			}
			mid, err := b.pinOrNext(mt.ID, "fsmt", append(mat, "id"))
			if err != nil {
				return err
			}
			out.MountTargets = append(out.MountTargets, mountTarget{ID: mid, FileSystemID: id, SubnetID: sn.ID,
				VpcID: vpcID, AvailabilityZone: sn.AvailabilityZone, IPAddress: b.st.nextAddress(sn), Groups: ids})
		}
		b.st.fileSystems = append(b.st.fileSystems, out)
	}
	return nil
}
