package sim

import "net/http"

// SageMaker domains: ListDomains and DescribeDomain (sagemaker.go adds
// them to sagemakerOps).

func listSageMakerDomains(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"MaxResults"`
		NextToken  string `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	page, next, e := pageSlice(jsonPage{def: 10, limit: 100, invalid: sagemakerInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.sageMakerDomains)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, d := range page {
		out = append(out, map[string]any{"DomainId": d.ID, "DomainName": d.Name, "DomainArn": d.ARN, "Status": "InService"})
	}
	return withNext(map[string]any{"Domains": out}, "NextToken", next), nil
}

func describeSageMakerDomain(c *call) (any, *apiError) {
	var req struct {
		DomainID string `json:"DomainId"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	for i := range c.state.sageMakerDomains {
		d := &c.state.sageMakerDomains[i]
		if d.ID != req.DomainID {
			continue
		}
		status := "InService"
		if d.Pending > 0 {
			status, d.Pending = "Updating", d.Pending-1
		}
		return map[string]any{"DomainId": d.ID, "DomainName": d.Name, "DomainArn": d.ARN, "Status": status,
			"AuthMode": "IAM", "AppNetworkAccessType": "VpcOnly", "VpcId": d.VpcID, "SubnetIds": d.Subnets,
			"DefaultUserSettings":  map[string]any{"ExecutionRole": "arn:aws:iam::" + c.Account + ":role/sagemaker", "SecurityGroups": append([]string{}, d.User...)},
			"DefaultSpaceSettings": map[string]any{"SecurityGroups": append([]string{}, d.Space...)},
			"DomainSettings":       map[string]any{"SecurityGroupIds": append([]string{}, d.Domain...)}}, nil
	}
	return nil, errf(http.StatusBadRequest, "ResourceNotFound", "Domain %s does not exist.", req.DomainID)
}
