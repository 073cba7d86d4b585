package sim

import (
	"slices"
	"strconv"
	"strings"
)

// CreateLaunchTemplateVersion and ModifyLaunchTemplate: apply moves a
// launch template to other groups by a new version, copied from the
// default one with the groups replaced, which it then makes the default.
// Instances launch from it later: there are no live interfaces to move.

// templateParam resolves LaunchTemplateId or LaunchTemplateName.
func (st *regionState) templateParam(c *call) (*launchTemplate, *apiError) {
	id, name := c.Form.Get("LaunchTemplateId"), c.Form.Get("LaunchTemplateName")
	switch {
	case id != "" && name != "":
		return nil, invalidParameterCombination("Specify either a launch template ID or a launch template name, not both.")
	case id != "":
		if t := st.launchTemplates[id]; t != nil {
			return t, nil
		}
		return nil, templateNotFound(id)
	case name != "":
		if t := st.templateByName(name); t != nil {
			return t, nil
		}
		return nil, notFound("InvalidLaunchTemplateName.NotFoundException", "The specified launch template, with template name %s, does not exist.", name)
	}
	return nil, missingParameter("LaunchTemplateId")
}

// version resolves a version number, $Latest or $Default.
func (t *launchTemplate) version(v string) (int64, *apiError) {
	switch v {
	case "$Latest":
		return int64(len(t.Versions)), nil
	case "$Default":
		return t.DefaultVersion, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 || n > int64(len(t.Versions)) {
		return 0, notFound("InvalidLaunchTemplateId.VersionNotFound", "Could not find launch template version %s for launch template ID %s.", v, t.ID)
	}
	return n, nil
}

// hasParam reports whether the request carries a list, even an empty one
// (the SDK sends "Name=" for an empty list).
func hasParam(c *call, prefix string) bool {
	if _, ok := c.Form[prefix]; ok {
		return true
	}
	return len(indexes(c.Form, prefix)) > 0
}

func createLaunchTemplateVersion(c *call, st *regionState) (any, *apiError) {
	t, e := st.templateParam(c)
	if e != nil {
		return nil, e
	}
	var d launchTemplateData
	if v := c.Form.Get("SourceVersion"); v != "" {
		n, e := t.version(v)
		if e != nil {
			return nil, e
		}
		src := t.Versions[n-1]
		d.GroupIDs, d.GroupNames = slices.Clone(src.GroupIDs), slices.Clone(src.GroupNames)
		for _, ni := range src.Interfaces {
			ni.Groups = slices.Clone(ni.Groups)
			d.Interfaces = append(d.Interfaces, ni)
		}
	}
	const p = "LaunchTemplateData."
	var given []string // the group ids of this request, to check
	if hasParam(c, p+"SecurityGroupId") {
		d.GroupIDs = dedupe(list(c.Form, p+"SecurityGroupId"))
		given = append(given, d.GroupIDs...)
	}
	if hasParam(c, p+"SecurityGroup") {
		d.GroupNames = dedupe(list(c.Form, p+"SecurityGroup"))
		for _, name := range d.GroupNames {
			if _, e := st.groupInDefaultVPC(name); e != nil {
				return nil, e
			}
		}
	}
	if hasParam(c, p+"NetworkInterface") {
		d.Interfaces = nil
		for k, i := range indexes(c.Form, p+"NetworkInterface") {
			at := item(p+"NetworkInterface", i)
			ni := templateInterface{DeviceIndex: k, SubnetID: c.Form.Get(at + "SubnetId"),
				Groups: dedupe(list(c.Form, at+"SecurityGroupId"))}
			if v := c.Form.Get(at + "DeviceIndex"); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil {
					return nil, invalidParameterValue("Invalid value '%s' for %sDeviceIndex", v, at)
				}
				ni.DeviceIndex = n
			}
			if ni.SubnetID != "" && st.subnets[ni.SubnetID] == nil {
				return nil, notFound("InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist", ni.SubnetID)
			}
			d.Interfaces = append(d.Interfaces, ni)
			given = append(given, ni.Groups...)
		}
	}
	if e := st.checkTemplateGroups(given, d); e != nil {
		return nil, e
	}
	d.Description = c.Form.Get("VersionDescription")
	t.Versions = append(t.Versions, d)
	return &struct {
		ec2Meta
		Version xTemplateVersion `xml:"launchTemplateVersion"`
	}{Version: st.xVersion(t, int64(len(t.Versions)))}, nil
}

// checkTemplateGroups checks that the group ids a request gives exist and
// that the version's existing groups are in one VPC, as an instance
// launched from it needs.
func (st *regionState) checkTemplateGroups(given []string, d launchTemplateData) *apiError {
	for _, id := range given {
		if _, e := st.group(id); e != nil {
			return e
		}
	}
	all := slices.Clone(d.GroupIDs)
	for _, ni := range d.Interfaces {
		all = append(all, ni.Groups...)
		if sn := st.subnets[ni.SubnetID]; sn != nil {
			for _, id := range ni.Groups {
				if g := st.groups[id]; g != nil && g.VpcID != sn.VpcID {
					return invalidParameterValue("Security group %s and subnet %s belong to different networks.", g.ID, sn.ID)
				}
			}
		}
	}
	var first *SecurityGroup
	for _, id := range all {
		g := st.groups[id]
		switch {
		case g == nil:
		case first == nil:
			first = g
		case g.VpcID != first.VpcID:
			return invalidParameterValue("Security group %s is in %s, but %s is in %s: the groups of a launch template version must be in one VPC.",
				g.ID, g.VpcID, first.ID, first.VpcID)
		}
	}
	return nil
}

func modifyLaunchTemplate(c *call, st *regionState) (any, *apiError) {
	t, e := st.templateParam(c)
	if e != nil {
		return nil, e
	}
	if v := strings.TrimSpace(c.Form.Get("SetDefaultVersion")); v != "" {
		n, e := t.version(v)
		if e != nil {
			return nil, e
		}
		t.DefaultVersion = n
	}
	return &struct {
		ec2Meta
		Template xLaunchTemplate `xml:"launchTemplate"`
	}{Template: st.xTemplate(t)}, nil
}
