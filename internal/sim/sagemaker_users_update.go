package sim

import (
	"net/http"
	"slices"
)

// updateSageMakerUserProfile changes UserSettings.SecurityGroups (the only
// member modelled; other UserSettings members are accepted and ignored, and
// what the request leaves out is kept, as UpdateUserProfile updates the
// settings it is given): at most 5 groups of the domain's VPC, else
// ValidationException. The profile is Updating for the next
// DescribeUserProfile, and an update meanwhile is ResourceInUse.
func updateSageMakerUserProfile(c *call) (any, *apiError) {
	var req struct {
		DomainID     string `json:"DomainId"`
		Name         string `json:"UserProfileName"`
		UserSettings *struct {
			SecurityGroups *[]string `json:"SecurityGroups"`
		} `json:"UserSettings"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	i := slices.IndexFunc(c.state.sageMakerUserProfiles, func(u sageMakerUserProfile) bool {
		return u.DomainID == req.DomainID && u.Name == req.Name
	})
	if i < 0 {
		return nil, errf(http.StatusBadRequest, "ResourceNotFound", "User profile %s does not exist in domain %s.", req.Name, req.DomainID)
	}
	u := &c.state.sageMakerUserProfiles[i]
	if req.UserSettings != nil && req.UserSettings.SecurityGroups != nil {
		next := dedupe(*req.UserSettings.SecurityGroups)
		vpcID := ""
		for _, d := range c.state.sageMakerDomains {
			if d.ID == u.DomainID {
				vpcID = d.VpcID
			}
		}
		switch g := c.state.invalidGroup(vpcID, next); {
		case len(next) > 5:
			return nil, sagemakerInvalid("1 validation error detected: Value at 'userSettings.securityGroups' failed to satisfy constraint: Member must have length less than or equal to 5")
		case u.Pending > 0:
			return nil, errf(http.StatusBadRequest, "ResourceInUse", "User profile %s is Updating.", u.Name)
		case g != "":
			return nil, sagemakerInvalid("Security group " + g + " does not belong to the domain's VPC " + vpcID + ".")
		}
		if !slices.Equal(u.Groups, next) {
			u.Groups, u.Pending = next, settlingReads
		}
	}
	return map[string]any{"UserProfileArn": u.ARN}, nil
}
