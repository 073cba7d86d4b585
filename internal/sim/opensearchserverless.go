package sim

import (
	"net/http"
	"slices"
)

// Amazon OpenSearch Serverless (JSON 1.0, target prefix
// OpenSearchServerless, signing name aoss): ListVpcEndpoints and
// BatchGetVpcEndpoint. An endpoint has one interface per subnet, on its
// groups, with an empty description: AWS documents none
// (docs/FIDELITY.md).
var aossOps = map[string]op{
	"ListVpcEndpoints":    listAOSSVpcEndpoints,
	"BatchGetVpcEndpoint": batchGetAOSSVpcEndpoint,
}

func aossValidation(msg string) *apiError {
	return errf(http.StatusBadRequest, "ValidationException", "%s", msg)
}

func listAOSSVpcEndpoints(c *call) (any, *apiError) {
	var req struct {
		MaxResults int    `json:"maxResults"`
		NextToken  string `json:"nextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 20, limit: 100, invalid: aossValidation,
		action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.aossEndpoints)
	if e != nil {
		return nil, e
	}
	out := []map[string]any{}
	for _, v := range items {
		out = append(out, map[string]any{"id": v.ARN, "name": v.Name, "status": "ACTIVE"})
	}
	return withNext(map[string]any{"vpcEndpointSummaries": out}, "nextToken", next), nil
}

func batchGetAOSSVpcEndpoint(c *call) (any, *apiError) {
	var req struct {
		IDs []string `json:"ids"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if len(req.IDs) < 1 || len(req.IDs) > 100 {
		return nil, aossValidation("ids must hold 1 to 100 VPC endpoint ids")
	}
	details, errs := []map[string]any{}, []map[string]any{}
	for _, id := range req.IDs {
		i := slices.IndexFunc(c.state.aossEndpoints, func(v vpcResource) bool { return v.ARN == id })
		if i < 0 {
			errs = append(errs, map[string]any{"id": id, "errorCode": "ResourceNotFoundException", "errorMessage": "VPC endpoint not found"})
			continue
		}
		v := c.state.aossEndpoints[i]
		details = append(details, map[string]any{"id": v.ARN, "name": v.Name, "vpcId": v.VpcID, "subnetIds": nonNil(v.Subnets),
			"securityGroupIds": nonNil(v.Groups), "status": "ACTIVE", "createdDate": 1700000000000})
	}
	return map[string]any{"vpcEndpointDetails": details, "vpcEndpointErrorDetails": errs}, nil
}

// aossSpecs are OpenSearch Serverless's part of a region's scenario.
type aossSpecs struct {
	AOSSVpcEndpoints []VPCResourceSpec `yaml:"aoss_vpc_endpoints"`
}

// aossState is OpenSearch Serverless's part of a regionState; never
// changed. An endpoint's ARN field holds its id (vpce-…).
type aossState struct {
	aossEndpoints []vpcResource
}

// addAOSS builds the VPC endpoints, each with one interface in its VPC's
// first subnet. Omitted groups: the VPC's default group (CreateVpcEndpoint's
// securityGroupIds is optional; the fallback is not documented).
func (b *builder) addAOSS() error {
	if err := b.addVPCResources("aoss_vpc_endpoints", b.res.AOSSVpcEndpoints, &b.st.aossEndpoints,
		func(string) string { return "vpce-" + b.st.ids.hexN("aoss", 17) }); err != nil {
		return err
	}
	for _, v := range b.st.aossEndpoints {
		n := b.st.newInterface(b.st.ids.next("eni"), b.st.subnets[v.Subnets[0]], slices.Clone(v.Groups))
		n.Status, n.RequesterManaged = "in-use", true
		b.st.enis[n.ID] = n
	}
	return nil
}
