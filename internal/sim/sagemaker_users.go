package sim

import "net/http"

// SageMaker Studio user profiles: ListUserProfiles and DescribeUserProfile
// (sagemaker.go adds them to sagemakerOps and builds them after domains).

func listSageMakerUserProfiles(c *call) (any, *apiError) {
	var req struct {
		MaxResults     int    `json:"MaxResults"`
		NextToken      string `json:"NextToken"`
		DomainIDEquals string `json:"DomainIdEquals"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	var items []sageMakerUserProfile
	for _, u := range c.state.sageMakerUserProfiles {
		if req.DomainIDEquals == "" || req.DomainIDEquals == u.DomainID {
			items = append(items, u)
		}
	}
	page, next, e := pageSlice(jsonPage{def: 10, limit: 100, invalid: sagemakerInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, items)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, u := range page {
		out = append(out, map[string]any{"DomainId": u.DomainID, "UserProfileName": u.Name, "Status": "InService",
			"CreationTime": 1700000000, "LastModifiedTime": 1700000000})
	}
	return withNext(map[string]any{"UserProfiles": out}, "NextToken", next), nil
}

func describeSageMakerUserProfile(c *call) (any, *apiError) {
	var req struct {
		DomainID string `json:"DomainId"`
		Name     string `json:"UserProfileName"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	for i := range c.state.sageMakerUserProfiles {
		u := &c.state.sageMakerUserProfiles[i]
		if u.DomainID != req.DomainID || u.Name != req.Name {
			continue
		}
		status := "InService"
		if u.Pending > 0 {
			status, u.Pending = "Updating", u.Pending-1
		}
		settings := map[string]any{"ExecutionRole": "arn:aws:iam::" + c.Account + ":role/sagemaker"}
		if u.Groups != nil {
			settings["SecurityGroups"] = u.Groups
		}
		return map[string]any{"DomainId": u.DomainID, "UserProfileName": u.Name, "UserProfileArn": u.ARN,
			"Status": status, "CreationTime": 1700000000, "LastModifiedTime": 1700000000, "UserSettings": settings}, nil
	}
	return nil, errf(http.StatusBadRequest, "ResourceNotFound", "User profile %s does not exist in domain %s.", req.Name, req.DomainID)
}

// sageMakerUserSpecs are the user profiles' part of a region's scenario.
type sageMakerUserSpecs struct {
	SageMakerUserProfiles []SageMakerUserProfileSpec `yaml:"sagemaker_user_profiles"`
}

// sageMakerUserState is the user profiles' part of a regionState.
type sageMakerUserState struct {
	sageMakerUserProfiles []sageMakerUserProfile
}

type sageMakerUserProfile struct {
	DomainID, Name, ARN string
	Groups              []string // nil: the domain's DefaultUserSettings
	// Pending is how many more reads show an update still applying.
	Pending int
}

// SageMakerUserProfileSpec is a Studio user profile
// (sagemaker_user_profiles) of a domain named in sagemaker_domains:
// groups, in the domain's VPC, are UserSettings.SecurityGroups (omitted:
// none, the domain's defaults apply).
type SageMakerUserProfileSpec struct {
	Name   string   `yaml:"name"`
	Domain string   `yaml:"domain"`
	Groups []string `yaml:"groups"`
}

func (b *builder) addUserProfiles() error {
	seen := map[string]bool{}
	for i, s := range b.res.SageMakerUserProfiles {
		at := path{"sagemaker_user_profiles", i}
		var dom *sageMakerDomain
		for j := range b.st.sageMakerDomains {
			if b.st.sageMakerDomains[j].Name == s.Domain {
				dom = &b.st.sageMakerDomains[j]
			}
		}
		if dom == nil {
			return b.errAt(append(at, "domain"), "no domain %q in sagemaker_domains", s.Domain)
		}
		if err := b.unique(seen, s.Domain+"/"+s.Name, at); err != nil {
			return err
		}
		u := sageMakerUserProfile{DomainID: dom.ID, Name: s.Name, ARN: b.arn("sagemaker", "user-profile/"+dom.ID+"/"+s.Name)}
		if s.Groups != nil {
			_, ids, err := b.placed(Placement{VPC: dom.VpcID, Groups: s.Groups}, false, at)
			if err != nil {
				return err
			}
			u.Groups = ids
		}
		b.st.sageMakerUserProfiles = append(b.st.sageMakerUserProfiles, u)
	}
	return nil
}
