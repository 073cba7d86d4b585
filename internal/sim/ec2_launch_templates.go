package sim

import (
	"fmt"
	"sort"
	"strconv"
)

// ec2Created is the creation time of every simulated EC2 configuration.
const ec2Created = "2024-01-01T00:00:00.000Z"

type xLaunchTemplate struct {
	CreateTime           string       `xml:"createTime"`
	CreatedBy            string       `xml:"createdBy"`
	DefaultVersionNumber int64        `xml:"defaultVersionNumber"`
	LatestVersionNumber  int64        `xml:"latestVersionNumber"`
	LaunchTemplateID     string       `xml:"launchTemplateId"`
	LaunchTemplateName   string       `xml:"launchTemplateName"`
	TagSet               *items[xTag] `xml:"tagSet,omitempty"`
}

// xTemplateInterface is LaunchTemplateInstanceNetworkInterfaceSpecification:
// its groupSet lists <groupId> elements, not <item>.
type xTemplateInterface struct {
	DeviceIndex int      `xml:"deviceIndex"`
	Groups      []string `xml:"groupSet>groupId"`
	SubnetID    string   `xml:"subnetId,omitempty"`
}

type xTemplateData struct {
	SecurityGroupIDs items[string]             `xml:"securityGroupIdSet"`
	SecurityGroups   items[string]             `xml:"securityGroupSet"`
	Interfaces       items[xTemplateInterface] `xml:"networkInterfaceSet"`
}

type xTemplateVersion struct {
	CreateTime         string        `xml:"createTime"`
	CreatedBy          string        `xml:"createdBy"`
	DefaultVersion     bool          `xml:"defaultVersion"`
	LaunchTemplateData xTemplateData `xml:"launchTemplateData"`
	LaunchTemplateID   string        `xml:"launchTemplateId"`
	LaunchTemplateName string        `xml:"launchTemplateName"`
	VersionDescription string        `xml:"versionDescription,omitempty"`
	VersionNumber      int64         `xml:"versionNumber"`
}

var templateFilter = filterer[*launchTemplate]{
	fields: fields[*launchTemplate]{
		"launch-template-name": func(t *launchTemplate) []string { return one(t.Name) },
		"launch-template-id":   func(t *launchTemplate) []string { return one(t.ID) },
	},
	tags: func(t *launchTemplate) []Tag { return t.Tags },
}

func templateNotFound(id string) *apiError {
	if !validID(id, "lt") {
		return notFound("InvalidLaunchTemplateId.Malformed", "The specified ID for the launch template is invalid: %s", id)
	}
	return notFound("InvalidLaunchTemplateId.NotFound", "The specified launch template, with template ID %s, does not exist.", id)
}

func (st *regionState) templateByName(name string) *launchTemplate {
	for _, t := range st.launchTemplates {
		if t.Name == name {
			return t
		}
	}
	return nil
}

func describeLaunchTemplates(c *call, st *regionState) (any, *apiError) {
	all := st.launchTemplates
	if names := list(c.Form, "LaunchTemplateName"); len(names) > 0 {
		all = map[string]*launchTemplate{}
		for _, n := range names {
			t := st.templateByName(n)
			if t == nil {
				return nil, notFound("InvalidLaunchTemplateName.NotFoundException", "At least one of the launch templates specified in the request does not exist.")
			}
			all[t.ID] = t
		}
	}
	ids, next, e := selectIDs(c, all, "LaunchTemplateId", templateNotFound, templateFilter)
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Templates items[xLaunchTemplate] `xml:"launchTemplates"`
		NextToken string                 `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Templates.Item = []xLaunchTemplate{}
	for _, id := range ids {
		out.Templates.Item = append(out.Templates.Item, st.xTemplate(all[id]))
	}
	return out, nil
}

func (st *regionState) xTemplate(t *launchTemplate) xLaunchTemplate {
	return xLaunchTemplate{CreateTime: ec2Created, CreatedBy: "arn:aws:iam::" + st.account + ":user/sim",
		DefaultVersionNumber: t.DefaultVersion, LatestVersionNumber: int64(len(t.Versions)),
		LaunchTemplateID: t.ID, LaunchTemplateName: t.Name, TagSet: xTags(t.Tags)}
}

// xVersion is version n (1-based) of t.
func (st *regionState) xVersion(t *launchTemplate, n int64) xTemplateVersion {
	d := t.Versions[n-1]
	x := xTemplateVersion{CreateTime: ec2Created, CreatedBy: "arn:aws:iam::" + st.account + ":user/sim",
		DefaultVersion: n == t.DefaultVersion, LaunchTemplateID: t.ID, LaunchTemplateName: t.Name, VersionNumber: n,
		VersionDescription: d.Description,
		LaunchTemplateData: xTemplateData{SecurityGroupIDs: items[string]{Item: d.GroupIDs}, SecurityGroups: items[string]{Item: d.GroupNames}}}
	for _, ni := range d.Interfaces {
		x.LaunchTemplateData.Interfaces.Item = append(x.LaunchTemplateData.Interfaces.Item,
			xTemplateInterface{DeviceIndex: ni.DeviceIndex, Groups: ni.Groups, SubnetID: ni.SubnetID})
	}
	return x
}

// describeLaunchTemplateVersions serves one template's versions (by id or
// name), optionally limited by LaunchTemplateVersion.N ($Latest, $Default
// or numbers) and Min/MaxVersion, paged in version order.
func describeLaunchTemplateVersions(c *call, st *regionState) (any, *apiError) {
	t, e := st.templateParam(c)
	if e != nil {
		return nil, e
	}
	if e := (filterer[int]{fields: fields[int]{}}).check(filters(c.Form)); e != nil {
		return nil, e
	}
	wanted, e := wantedVersions(c, t)
	if e != nil {
		return nil, e
	}
	keys := make([]string, 0, len(wanted))
	for v := range wanted {
		keys = append(keys, fmt.Sprintf("%010d", v)) // zero-padded so id order is version order
	}
	sort.Strings(keys)
	keys, next, e := page(c, keys)
	if e != nil {
		return nil, e
	}
	out := &struct {
		ec2Meta
		Versions  items[xTemplateVersion] `xml:"launchTemplateVersionSet"`
		NextToken string                  `xml:"nextToken,omitempty"`
	}{NextToken: next}
	out.Versions.Item = []xTemplateVersion{}
	for _, k := range keys {
		n, _ := strconv.ParseInt(k, 10, 64)
		out.Versions.Item = append(out.Versions.Item, st.xVersion(t, n))
	}
	return out, nil
}

func wantedVersions(c *call, t *launchTemplate) (map[int64]bool, *apiError) {
	latest := int64(len(t.Versions))
	bound := func(key string, def int64) (int64, *apiError) {
		v := c.Form.Get(key)
		if v == "" {
			return def, nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, invalidParameterValue("Invalid value '%s' for %s", v, key)
		}
		return n, nil
	}
	lo, e := bound("MinVersion", 1)
	if e != nil {
		return nil, e
	}
	hi, e := bound("MaxVersion", latest)
	if e != nil {
		return nil, e
	}
	wanted := map[int64]bool{}
	asked := list(c.Form, "LaunchTemplateVersion")
	for n := int64(1); n <= latest && len(asked) == 0; n++ {
		if n >= lo && n <= hi {
			wanted[n] = true
		}
	}
	for _, v := range asked {
		switch v {
		case "$Latest":
			wanted[latest] = true
		case "$Default":
			wanted[t.DefaultVersion] = true
		default:
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 1 || n > latest {
				return nil, notFound("InvalidLaunchTemplateId.VersionNotFound", "Could not find launch template version %s for launch template ID %s.", v, t.ID)
			}
			wanted[n] = true
		}
	}
	return wanted, nil
}
