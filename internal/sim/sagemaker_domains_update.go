package sim

import (
	"net/http"
	"slices"
)

// updateSageMakerDomain changes the domain's three group lists
// (DefaultUserSettings.SecurityGroups, DefaultSpaceSettings.SecurityGroups,
// DomainSettingsForUpdate.SecurityGroupIds; the only members modelled),
// each only when given, so what the request leaves out is kept: groups of
// the domain's VPC, at most 5 (3 for the domain's own, as the model says),
// else ValidationException. The domain is Updating for the next
// DescribeDomain, and an update meanwhile is ResourceInUse.
func updateSageMakerDomain(c *call) (any, *apiError) {
	type groups struct {
		SecurityGroups *[]string `json:"SecurityGroups"`
	}
	var req struct {
		DomainID string  `json:"DomainId"`
		User     *groups `json:"DefaultUserSettings"`
		Space    *groups `json:"DefaultSpaceSettings"`
		Domain   *struct {
			SecurityGroupIDs *[]string `json:"SecurityGroupIds"`
		} `json:"DomainSettingsForUpdate"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	i := slices.IndexFunc(c.state.sageMakerDomains, func(d sageMakerDomain) bool { return d.ID == req.DomainID })
	if i < 0 {
		return nil, errf(http.StatusBadRequest, "ResourceNotFound", "Domain %s does not exist.", req.DomainID)
	}
	d := &c.state.sageMakerDomains[i]
	type change struct {
		list *[]string
		next *[]string
		max  int
	}
	var changes []change
	if req.User != nil && req.User.SecurityGroups != nil {
		changes = append(changes, change{&d.User, req.User.SecurityGroups, 5})
	}
	if req.Space != nil && req.Space.SecurityGroups != nil {
		changes = append(changes, change{&d.Space, req.Space.SecurityGroups, 5})
	}
	if req.Domain != nil && req.Domain.SecurityGroupIDs != nil {
		changes = append(changes, change{&d.Domain, req.Domain.SecurityGroupIDs, 3})
	}
	for _, ch := range changes {
		switch g := c.state.invalidGroup(d.VpcID, *ch.next); {
		case len(*ch.next) > ch.max:
			return nil, sagemakerInvalid("1 validation error detected: too many security groups")
		case d.Pending > 0:
			return nil, errf(http.StatusBadRequest, "ResourceInUse", "Domain %s is Updating.", d.ID)
		case g != "":
			return nil, sagemakerInvalid("Security group " + g + " does not belong to the domain's VPC " + d.VpcID + ".")
		}
	}
	for _, ch := range changes {
		if next := dedupe(*ch.next); !slices.Equal(*ch.list, next) {
			*ch.list, d.Pending = next, settlingReads
		}
	}
	return map[string]any{"DomainArn": d.ARN}, nil
}
