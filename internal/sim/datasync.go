package sim

import (
	"net/http"
	"strings"
)

// AWS DataSync (JSON 1.1, target prefix FmrsService, signing name
// datasync): ListLocations and the Describe of the location types that
// hold security groups (EFS, FSx for Windows, Lustre, OpenZFS, ONTAP).

var dataSyncOps = map[string]op{
	"ListLocations":              listDataSyncLocations,
	"DescribeLocationEfs":        describeDataSyncLocation("efs"),
	"DescribeLocationFsxWindows": describeDataSyncLocation("fsxw"),
	"DescribeLocationFsxLustre":  describeDataSyncLocation("fsxl"),
	"DescribeLocationFsxOpenZfs": describeDataSyncLocation("fsxz"),
	"DescribeLocationFsxOntap":   describeDataSyncLocation("fsxn"),
}

var dataSyncInvalid = badRequest("InvalidRequestException")

func listDataSyncLocations(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: dataSyncInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.dataSyncLocations)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, l := range page {
		out = append(out, map[string]any{"LocationArn": l.ARN, "LocationUri": l.URI})
	}
	return withNext(map[string]any{"Locations": out}, "NextToken", next), nil
}

// describeDataSyncLocation describes a location of one scheme; another
// scheme's location is refused, as DataSync refuses it.
func describeDataSyncLocation(scheme string) op {
	return func(c *call) (any, *apiError) {
		var req struct {
			LocationArn string `json:"LocationArn"`
		}
		if e := decodeJSON(c, &req); e != nil {
			return nil, e
		}
		for _, l := range c.state.dataSyncLocations {
			if l.ARN != req.LocationArn {
				continue
			}
			if l.Scheme != scheme {
				return nil, dataSyncInvalid("Location " + l.ARN + " is not a " + scheme + " location")
			}
			arns := []string{}
			for _, g := range l.Groups {
				arns = append(arns, "arn:aws:ec2:"+c.Region+":"+c.Account+":security-group/"+g)
			}
			out := map[string]any{"LocationArn": l.ARN, "LocationUri": l.URI, "CreationTime": 1700000000}
			if scheme == "efs" {
				out["Ec2Config"] = map[string]any{"SubnetArn": "arn:aws:ec2:" + c.Region + ":" + c.Account + ":subnet/" + l.Subnet, "SecurityGroupArns": arns}
			} else {
				out["SecurityGroupArns"] = arns
			}
			return out, nil
		}
		return nil, errf(http.StatusBadRequest, "InvalidRequestException", "Location %s not found", req.LocationArn)
	}
}

// dataSyncSpecs are DataSync's part of a region's scenario.
type dataSyncSpecs struct {
	DataSyncLocations []DataSyncLocationSpec `yaml:"datasync_locations"`
}

// dataSyncState is DataSync's part of a regionState; never changed.
type dataSyncState struct {
	dataSyncLocations []dataSyncLocation
}

type dataSyncLocation struct {
	ARN, URI, Scheme, Subnet string
	Groups                   []string
}

// DataSyncLocationSpec is a DataSync location of type efs (default), fsxw,
// fsxl, fsxz, fsxn or s3 (no groups); groups are its security groups.
type DataSyncLocationSpec struct {
	Type      string `yaml:"type"`
	Placement `yaml:",inline"`
}

func (b *builder) addDataSyncLocations() error {
	for i, s := range b.res.DataSyncLocations {
		at := path{"datasync_locations", i}
		scheme := strings.ToLower(s.Type)
		if scheme == "" {
			scheme = "efs"
		}
		l := dataSyncLocation{Scheme: scheme, ARN: b.arn("datasync", "location/loc-"+b.st.ids.hexN("datasync", 17))}
		switch scheme {
		case "s3":
			l.URI = "s3://bucket/"
		case "efs", "fsxw", "fsxl", "fsxz", "fsxn":
			vpcID, groups, err := b.placed(s.Placement, false, at)
			if err != nil {
				return err
			}
			sn, err := b.subnetOf(vpcID, "", at)
			if err != nil {
				return err
			}
			l.Subnet, l.Groups = sn.ID, groups
			l.URI = scheme + "://" + b.st.region + ".fs-" + b.st.ids.hexN("datasync-fs", 17) + "/"
		default:
			return b.errAt(append(at, "type"), "type %q is not efs, fsxw, fsxl, fsxz, fsxn or s3", s.Type)
		}
		b.st.dataSyncLocations = append(b.st.dataSyncLocations, l)
	}
	return nil
}
