package sim

import (
	"net/http"
	"slices"
	"strings"
)

// Amazon FSx (JSON 1.1, target prefix AWSSimbaAPIService_v20180301):
// DescribeFileSystems for the four file system types. A file system's
// groups are a create-only parameter that AWS never returns; its
// interfaces (NetworkInterfaceIds) carry them, one per subnet here.
// What AWS writes in those interfaces' descriptions is not documented, so
// the simulator leaves it empty (docs/FIDELITY.md).
var fsxOps = map[string]op{
	"DescribeFileSystems": describeFSxFileSystems,
}

// fsxTypes are FileSystemType's values.
var fsxTypes = []string{"WINDOWS", "LUSTRE", "ONTAP", "OPENZFS"}

func fsxBadRequest(msg string) *apiError { return errf(http.StatusBadRequest, "BadRequest", "%s", msg) }

func describeFSxFileSystems(c *call) (any, *apiError) {
	var req struct {
		FileSystemIds []string `json:"FileSystemIds"`
		MaxResults    int      `json:"MaxResults"`
		NextToken     string   `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	match := c.state.fsxFileSystems
	if len(req.FileSystemIds) > 0 {
		match = nil
		for _, id := range req.FileSystemIds {
			i := slices.IndexFunc(c.state.fsxFileSystems, func(f fsxFileSystem) bool { return f.ID == id })
			if i < 0 {
				return nil, errf(http.StatusBadRequest, "FileSystemNotFound", "File system '%s' does not exist.", id)
			}
			match = append(match, c.state.fsxFileSystems[i])
		}
	}
	items, next, e := pageSlice(jsonPage{def: 2147483647, limit: 2147483647, invalid: fsxBadRequest,
		action: c.Action, max: req.MaxResults, token: req.NextToken}, match)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, f := range items {
		tags := []map[string]string{}
		for _, t := range f.Tags {
			tags = append(tags, map[string]string{"Key": t.Key, "Value": t.Value})
		}
		out = append(out, map[string]any{"OwnerId": c.state.account, "CreationTime": 1700000000,
			"FileSystemId": f.ID, "FileSystemType": f.Type, "Lifecycle": "AVAILABLE", "StorageCapacity": 1200,
			"StorageType": "SSD", "VpcId": f.VpcID, "SubnetIds": f.Subnets, "NetworkInterfaceIds": nonNil(f.Interfaces),
			"DNSName": f.ID + ".fsx." + c.state.region + ".amazonaws.com", "ResourceARN": f.ARN, "Tags": tags})
	}
	return withNext(map[string]any{"FileSystems": out}, "NextToken", next), nil
}

// fsxSpecs are FSx's part of a region's scenario.
type fsxSpecs struct {
	FSxFileSystems []FSxFileSystemSpec `yaml:"fsx_file_systems"`
}

// fsxState is FSx's part of a regionState; never changed.
type fsxState struct {
	fsxFileSystems []fsxFileSystem
}

// FSxFileSystemSpec is an FSx file system (fsx_file_systems); its name
// becomes its Name tag. Omitted groups: the VPC's default group, as
// CreateFileSystem falls back to it for ONTAP (AWS-SG-REFERENCE.md).
type FSxFileSystemSpec struct {
	Name string `yaml:"name"`
	// Type is windows, lustre, ontap or openzfs.
	Type      string `yaml:"type"`
	Placement `yaml:",inline"`
	// Subnets are names or ids in the VPC, one interface each; omitted:
	// the VPC's first subnet.
	Subnets []string          `yaml:"subnets"`
	Tags    map[string]string `yaml:"tags"`
}

type fsxFileSystem struct {
	ID, ARN, Type, VpcID string
	Subnets, Interfaces  []string
	Tags                 []Tag
}

// addFSx builds the file systems and their interfaces.
func (b *builder) addFSx() error {
	seen := map[string]bool{}
	for i, spec := range b.res.FSxFileSystems {
		at := path{"fsx_file_systems", i}
		if err := b.unique(seen, spec.Name, at); err != nil {
			return err
		}
		typ := strings.ToUpper(spec.Type)
		if !slices.Contains(fsxTypes, typ) {
			return b.errAt(append(append(path{}, at...), "type"), "type %q is not windows, lustre, ontap or openzfs", spec.Type)
		}
		vpcID, groups, err := b.placed(spec.Placement, true, at)
		if err != nil {
			return err
		}
		refs := spec.Subnets
		if len(refs) == 0 {
			refs = []string{""}
		}
		id := b.st.ids.next("fs")
		fs := fsxFileSystem{ID: id, ARN: b.arn("fsx", "file-system/"+id), Type: typ, VpcID: vpcID, Tags: tagsOf(spec.Tags, spec.Name)}
		for j, ref := range refs {
			sn, err := b.subnetOf(vpcID, ref, append(append(path{}, at...), "subnets", j))
			if err != nil {
				return err
			}
			n := b.st.newInterface(b.st.ids.next("eni"), sn, slices.Clone(groups))
			n.Status, n.RequesterManaged = "in-use", true
			b.st.enis[n.ID] = n
			fs.Subnets, fs.Interfaces = append(fs.Subnets, sn.ID), append(fs.Interfaces, n.ID)
		}
		b.st.fsxFileSystems = append(b.st.fsxFileSystems, fs)
	}
	return nil
}
