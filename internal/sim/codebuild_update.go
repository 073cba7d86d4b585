package sim

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// UpdateProject and UpdateFleet: apply replaces a project's or fleet's
// vpcConfig. CodeBuild applies it to the next build (or fleet instance),
// so there are no live interfaces to move and nothing to wait for.

type codeBuildUpdateRequest struct {
	Name      string `json:"name"` // UpdateProject
	ARN       string `json:"arn"`  // UpdateFleet
	VpcConfig *struct {
		VpcID            string   `json:"vpcId"`
		Subnets          []string `json:"subnets"`
		SecurityGroupIDs []string `json:"securityGroupIds"`
	} `json:"vpcConfig"`
}

// updateCodeBuild serves UpdateProject (key "project", by name) and
// UpdateFleet (key "fleet", by ARN); both also accept the other form.
func updateCodeBuild(list func(*regionState) []codeBuildProject, key string) op {
	return func(c *call) (any, *apiError) {
		var req codeBuildUpdateRequest
		if e := decodeJSON(c, &req); e != nil {
			return nil, e
		}
		ref, member := req.Name, "name"
		if key == "fleet" {
			ref, member = req.ARN, "arn"
		}
		if ref == "" {
			return nil, codeBuildInvalid("1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: Member must not be null")
		}
		p := findCodeBuild(list(c.state), ref)
		if p == nil {
			arn := ref
			if !strings.HasPrefix(ref, "arn:") {
				arn = "arn:aws:codebuild:" + c.Region + ":" + c.Account + ":" + key + "/" + ref
			}
			return nil, errf(http.StatusBadRequest, "ResourceNotFoundException", "%s%s cannot be found: %s",
				strings.ToUpper(key[:1]), key[1:], arn)
		}
		if v := req.VpcConfig; v != nil {
			if e := c.setCodeBuildVPC(p, v.VpcID, dedupe(v.Subnets), dedupe(v.SecurityGroupIDs)); e != nil {
				return nil, e
			}
		}
		return map[string]any{key: codeBuildJSON(c, p, key == "fleet")}, nil
	}
}

// setCodeBuildVPC validates and applies a vpcConfig: empty removes it,
// otherwise it needs the VPC, 1-16 subnets and 1-5 groups, all in that VPC.
func (c *call) setCodeBuildVPC(p *codeBuildProject, vpcID string, subnets, groups []string) *apiError {
	st := c.state
	switch {
	case vpcID == "" && len(subnets) == 0 && len(groups) == 0:
		p.VpcID, p.Subnets, p.Groups = "", nil, nil
		return nil
	case vpcID == "":
		return codeBuildInvalid("Invalid vpc config: vpcId must be specified with subnets and securityGroupIds")
	case st.vpcs[vpcID] == nil:
		return codeBuildInvalid("Invalid vpc config: VPC " + vpcID + " does not exist")
	case len(subnets) == 0:
		return codeBuildInvalid("Invalid vpc config: subnets must contain at least 1 subnet")
	case len(groups) == 0:
		return codeBuildInvalid("Invalid vpc config: securityGroupIds must contain at least 1 security group")
	case len(subnets) > 16:
		return codeBuildInvalid(fmt.Sprintf("Invalid vpc config: %d subnets, at most 16 are allowed", len(subnets)))
	case len(groups) > 5:
		return codeBuildInvalid(fmt.Sprintf("Invalid vpc config: %d securityGroupIds, at most 5 are allowed", len(groups)))
	}
	for _, id := range subnets {
		if sn := st.subnets[id]; sn == nil || sn.VpcID != vpcID {
			return codeBuildInvalid("Invalid vpc config: subnet " + id + " does not exist in " + vpcID)
		}
	}
	if bad := st.invalidGroup(vpcID, groups); bad != "" {
		return codeBuildInvalid("Invalid vpc config: security group " + bad + " does not exist in " + vpcID)
	}
	p.VpcID, p.Subnets, p.Groups = vpcID, slices.Clone(subnets), slices.Clone(groups)
	return nil
}
