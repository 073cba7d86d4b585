package sim

// codeBuildOps is CodeBuild (JSON 1.1, target prefix CodeBuild_20161006):
// the project and fleet reads the usage finders make.
var codeBuildOps = map[string]op{
	"ListProjects":     listCodeBuild(func(a *appResources) []codeBuildProject { return a.projects }, "projects"),
	"BatchGetProjects": batchGetCodeBuild(func(a *appResources) []codeBuildProject { return a.projects }, "projects", "projectsNotFound"),
	"ListFleets":       listCodeBuild(func(a *appResources) []codeBuildProject { return a.fleets }, "fleets"),
	"BatchGetFleets":   batchGetCodeBuild(func(a *appResources) []codeBuildProject { return a.fleets }, "fleets", "fleetsNotFound"),
}

var codeBuildInvalid = badRequest("InvalidInputException")

type codeBuildVpcConfig struct {
	VpcID            string   `json:"vpcId"`
	Subnets          []string `json:"subnets"`
	SecurityGroupIDs []string `json:"securityGroupIds"`
}

func listCodeBuild(list func(*appResources) []codeBuildProject, key string) op {
	return func(c *call) (any, *apiError) {
		var req struct {
			NextToken  string `json:"nextToken"`
			MaxResults int    `json:"maxResults"`
		}
		if e := decodeJSON(c, &req); e != nil {
			return nil, e
		}
		items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: codeBuildInvalid, action: c.Action,
			max: req.MaxResults, token: req.NextToken}, list(c.state.app))
		if e != nil {
			return nil, e
		}
		names := []string{}
		for _, p := range items {
			names = append(names, p.Name)
		}
		out := map[string]any{key: names}
		if next != "" {
			out["nextToken"] = next
		}
		return out, nil
	}
}

// batchGetCodeBuild answers BatchGetProjects/BatchGetFleets: names or
// ARNs, at most 100, unknown ones listed as not found.
func batchGetCodeBuild(list func(*appResources) []codeBuildProject, key, notFoundKey string) op {
	return func(c *call) (any, *apiError) {
		var req struct {
			Names []string `json:"names"`
		}
		if e := decodeJSON(c, &req); e != nil {
			return nil, e
		}
		if len(req.Names) < 1 || len(req.Names) > 100 {
			return nil, codeBuildInvalid("1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length between 1 and 100")
		}
		found, missing := []map[string]any{}, []string{}
		for _, n := range req.Names {
			var hit *codeBuildProject
			for i, p := range list(c.state.app) {
				if p.Name == n || p.ARN == n {
					hit = &list(c.state.app)[i]
				}
			}
			if hit == nil {
				missing = append(missing, n)
				continue
			}
			v := map[string]any{"name": hit.Name, "arn": hit.ARN, "created": orgJoined}
			if key == "fleets" {
				v["id"] = hit.ARN
				v["status"] = map[string]any{"statusCode": "ACTIVE"}
			} else {
				v["source"] = map[string]any{"type": "NO_SOURCE"}
				v["artifacts"] = map[string]any{"type": "NO_ARTIFACTS"}
				v["serviceRole"] = "arn:aws:iam::" + c.Account + ":role/codebuild-" + hit.Name
			}
			if hit.Groups != nil {
				v["vpcConfig"] = codeBuildVpcConfig{VpcID: hit.VpcID, Subnets: nonNil(hit.Subnets), SecurityGroupIDs: nonNil(hit.Groups)}
			}
			found = append(found, v)
		}
		return map[string]any{key: found, notFoundKey: missing}, nil
	}
}
