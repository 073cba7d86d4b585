package sim

// codeBuildOps is CodeBuild (JSON 1.1, target prefix CodeBuild_20161006):
// the project and fleet reads the usage finders make and the updates apply
// makes (codebuild_update.go), all under the region lock.
var codeBuildOps = map[string]op{
	"ListProjects":     regionLocked(listCodeBuild(projectsOf, "projects")),
	"BatchGetProjects": regionLocked(batchGetCodeBuild(projectsOf, "projects", "projectsNotFound")),
	"UpdateProject":    regionLocked(updateCodeBuild(projectsOf, "project")),
	"ListFleets":       regionLocked(listCodeBuild(fleetsOf, "fleets")),
	"BatchGetFleets":   regionLocked(batchGetCodeBuild(fleetsOf, "fleets", "fleetsNotFound")),
	"UpdateFleet":      regionLocked(updateCodeBuild(fleetsOf, "fleet")),
}

func projectsOf(st *regionState) []codeBuildProject { return st.projects }

func fleetsOf(st *regionState) []codeBuildProject { return st.fleets }

var codeBuildInvalid = badRequest("InvalidInputException")

type codeBuildVpcConfig struct {
	VpcID            string   `json:"vpcId"`
	Subnets          []string `json:"subnets"`
	SecurityGroupIDs []string `json:"securityGroupIds"`
}

func listCodeBuild(list func(*regionState) []codeBuildProject, key string) op {
	return func(c *call) (any, *apiError) {
		var req struct {
			NextToken  string `json:"nextToken"`
			MaxResults int    `json:"maxResults"`
		}
		if e := decodeJSON(c, &req); e != nil {
			return nil, e
		}
		items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: codeBuildInvalid, action: c.Action,
			max: req.MaxResults, token: req.NextToken}, list(c.state))
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
func batchGetCodeBuild(list func(*regionState) []codeBuildProject, key, notFoundKey string) op {
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
			hit := findCodeBuild(list(c.state), n)
			if hit == nil {
				missing = append(missing, n)
				continue
			}
			found = append(found, codeBuildJSON(c, hit, key == "fleets"))
		}
		return map[string]any{key: found, notFoundKey: missing}, nil
	}
}

// findCodeBuild finds a project or fleet by name or ARN; the pointer is
// into the list, so changes stick.
func findCodeBuild(list []codeBuildProject, ref string) *codeBuildProject {
	for i := range list {
		if list[i].Name == ref || list[i].ARN == ref {
			return &list[i]
		}
	}
	return nil
}

// codeBuildJSON is a Project or a Fleet.
func codeBuildJSON(c *call, p *codeBuildProject, fleet bool) map[string]any {
	v := map[string]any{"name": p.Name, "arn": p.ARN, "created": orgJoined}
	if fleet {
		v["id"] = p.ARN
		v["status"] = map[string]any{"statusCode": "ACTIVE"}
	} else {
		v["source"] = map[string]any{"type": "NO_SOURCE"}
		v["artifacts"] = map[string]any{"type": "NO_ARTIFACTS"}
		v["serviceRole"] = "arn:aws:iam::" + c.Account + ":role/codebuild-" + p.Name
	}
	if len(p.Tags) > 0 {
		tags := []map[string]string{}
		for _, t := range p.Tags {
			tags = append(tags, map[string]string{"key": t.Key, "value": t.Value})
		}
		v["tags"] = tags
	}
	if p.Groups != nil {
		v["vpcConfig"] = codeBuildVpcConfig{VpcID: p.VpcID, Subnets: nonNil(p.Subnets), SecurityGroupIDs: nonNil(p.Groups)}
	}
	if len(p.Tags) > 0 {
		// Projects and fleets carry their tags in BatchGet* ({key, value}).
		tags := []map[string]string{}
		for _, t := range p.Tags {
			tags = append(tags, map[string]string{"key": t.Key, "value": t.Value})
		}
		v["tags"] = tags
	}
	return v
}

// codeBuildSpecs are CodeBuild's part of a region's scenario.
type codeBuildSpecs struct {
	CodeBuildProjects []CodeBuildProjectSpec `yaml:"codebuild_projects"`
	CodeBuildFleets   []CodeBuildProjectSpec `yaml:"codebuild_fleets"`
}

// codeBuildState is CodeBuild's part of a regionState, in scenario order.
type codeBuildState struct {
	projects []codeBuildProject
	fleets   []codeBuildProject
}

// CodeBuildProjectSpec is a CodeBuild project (codebuild_projects) or
// reserved-capacity fleet (codebuild_fleets). Omitted groups: no vpcConfig.
type CodeBuildProjectSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	Tags      map[string]string `yaml:"tags"`
}

type codeBuildProject struct {
	Name, ARN, VpcID string
	Subnets, Groups  []string // nil Groups: no vpcConfig
	Tags             []Tag
}

func (b *builder) addCodeBuild() error {
	for _, list := range []struct {
		key   string
		specs []CodeBuildProjectSpec
		out   *[]codeBuildProject
		arn   string
	}{{"codebuild_projects", b.res.CodeBuildProjects, &b.st.projects, "project/"},
		{"codebuild_fleets", b.res.CodeBuildFleets, &b.st.fleets, "fleet/"}} {
		seen := map[string]bool{}
		for i, p := range list.specs {
			at := path{list.key, i}
			if err := b.unique(seen, p.Name, at); err != nil {
				return err
			}
			vpcID, net, err := b.optionalNet(p.Placement, at)
			if err != nil {
				return err
			}
			cp := codeBuildProject{Name: p.Name, ARN: b.arn("codebuild", list.arn+p.Name), VpcID: vpcID, Tags: tagsOf(p.Tags, "")}
			if net != nil {
				cp.Subnets, cp.Groups = net.Subnets, net.Groups
			}
			*list.out = append(*list.out, cp)
		}
	}
	return nil
}
