package sim

import (
	"fmt"
	"net/http"
	"strings"
)

// ecsOps is ECS (JSON 1.1, AmazonEC2ContainerServiceV20141113): clusters,
// services and their network configurations, which UpdateService changes
// (ecs_update.go); every op runs under the region lock.
var ecsOps = map[string]op{
	"ListClusters":     regionLocked(listECSClusters),
	"ListServices":     regionLocked(listECSServices),
	"DescribeServices": regionLocked(describeECSServices),
	"UpdateService":    regionLocked(updateECSService),
}

var ecsInvalid = badRequest("InvalidParameterException")

type ecsNetJSON struct {
	AwsvpcConfiguration struct {
		Subnets        []string `json:"subnets"`
		SecurityGroups []string `json:"securityGroups"`
		AssignPublicIP string   `json:"assignPublicIp"`
	} `json:"awsvpcConfiguration"`
}

func ecsNet(n *awsvpc) *ecsNetJSON {
	if n == nil {
		return nil
	}
	j := &ecsNetJSON{}
	j.AwsvpcConfiguration.Subnets, j.AwsvpcConfiguration.SecurityGroups = nonNil(n.Subnets), nonNil(n.Groups)
	j.AwsvpcConfiguration.AssignPublicIP = "DISABLED"
	if n.PublicIP {
		j.AwsvpcConfiguration.AssignPublicIP = "ENABLED"
	}
	return j
}

type ecsRequest struct {
	Cluster    string   `json:"cluster"`
	Services   []string `json:"services"`
	NextToken  string   `json:"nextToken"`
	MaxResults int      `json:"maxResults"`
	Include    []string `json:"include"`
}

// ecsCluster finds a cluster by name or ARN; omitted is "default".
func (c *call) ecsCluster(ref string) (*ecsCluster, *apiError) {
	if ref == "" {
		ref = "default"
	}
	for i, cl := range c.state.ecsClusters {
		if cl.Name == ref || cl.ARN == ref {
			return &c.state.ecsClusters[i], nil
		}
	}
	return nil, errf(http.StatusBadRequest, "ClusterNotFoundException", "Cluster not found.")
}

func listECSClusters(c *call) (any, *apiError) {
	var req ecsRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: ecsInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.ecsClusters)
	if e != nil {
		return nil, e
	}
	arns := []string{}
	for _, cl := range items {
		arns = append(arns, cl.ARN)
	}
	return withNext(map[string]any{"clusterArns": arns}, "nextToken", next), nil
}

func listECSServices(c *call) (any, *apiError) {
	var req ecsRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	cl, e := c.ecsCluster(req.Cluster)
	if e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 10, limit: 100, invalid: ecsInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, cl.Services)
	if e != nil {
		return nil, e
	}
	arns := []string{}
	for _, s := range items {
		arns = append(arns, s.ARN)
	}
	return withNext(map[string]any{"serviceArns": arns}, "nextToken", next), nil
}

func describeECSServices(c *call) (any, *apiError) {
	var req ecsRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if len(req.Services) < 1 || len(req.Services) > 10 {
		return nil, ecsInvalid("services must contain between 1 and 10 items")
	}
	withTags := false
	for _, f := range req.Include {
		if f != "TAGS" {
			return nil, ecsInvalid("include: " + f + " is not one of [TAGS]")
		}
		withTags = true
	}
	cl, e := c.ecsCluster(req.Cluster)
	if e != nil {
		return nil, e
	}
	services, failures := []map[string]any{}, []map[string]any{}
	for _, ref := range req.Services {
		s := cl.service(ref)
		if s == nil {
			arn := ref
			if !strings.HasPrefix(ref, "arn:") {
				arn = strings.Replace(cl.ARN, ":cluster/", ":service/", 1) + "/" + ref
			}
			failures = append(failures, map[string]any{"arn": arn, "reason": "MISSING"})
			continue
		}
		v := ecsServiceJSON(cl, s, true)
		// Tags come back only when asked for (DescribeServices API
		// reference: "If this field is omitted, tags aren't included").
		if withTags {
			v["tags"] = ecsTags(s.Tags)
		}
		services = append(services, v)
	}
	return map[string]any{"services": services, "failures": failures}, nil
}

// ecsTags is ECS's tag list: lower-case key and value.
func ecsTags(tags []Tag) []map[string]string {
	out := []map[string]string{}
	for _, t := range tags {
		out = append(out, map[string]string{"key": t.Key, "value": t.Value})
	}
	return out
}

// service finds a service of the cluster by name or ARN; the pointer is
// into the cluster, so changes stick.
func (cl *ecsCluster) service(ref string) *ecsService {
	for i := range cl.Services {
		if cl.Services[i].Name == ref || cl.Services[i].ARN == ref {
			return &cl.Services[i]
		}
	}
	return nil
}

// ecsServiceJSON is a Service. count counts it as one of the reads that
// show an update rolling out (ecs_update.go).
func ecsServiceJSON(cl *ecsCluster, s *ecsService, count bool) map[string]any {
	v := map[string]any{"serviceArn": s.ARN, "serviceName": s.Name, "clusterArn": cl.ARN, "status": "ACTIVE",
		"launchType": "FARGATE", "desiredCount": 1, "runningCount": 1, "pendingCount": 0, "createdAt": orgJoined,
		"schedulingStrategy": "REPLICA"}
	if s.Net != nil {
		v["networkConfiguration"] = ecsNet(s.Net)
	}
	v["deployments"] = s.deploymentsJSON()
	if count {
		s.countRead()
	}
	sets := []map[string]any{}
	for i, t := range s.TaskSets {
		id := fmt.Sprintf("ecs-svc/%s-ts%d", s.Name, i+1)
		set := map[string]any{"id": id, "taskSetArn": strings.Replace(s.ARN, ":service/", ":task-set/", 1) + "/" + id,
			"serviceArn": s.ARN, "clusterArn": cl.ARN, "status": "ACTIVE"}
		if t != nil {
			set["networkConfiguration"] = ecsNet(t)
		}
		sets = append(sets, set)
	}
	v["taskSets"] = sets
	return v
}

// ecsSpecs are ECS's part of a region's scenario.
type ecsSpecs struct {
	ECSClusters []ECSClusterSpec `yaml:"ecs_clusters"`
}

// ecsState is ECS's part of a regionState, in scenario order.
type ecsState struct {
	ecsClusters []ecsCluster
}

// ECSClusterSpec is an ECS cluster and its services.
type ECSClusterSpec struct {
	Name     string           `yaml:"name"`
	Services []ECSServiceSpec `yaml:"services"`
}

// ECSServiceSpec is an ECS service. Its groups are the service's awsvpc
// configuration and its primary deployment's; omitted groups mean no
// awsvpc configuration (bridge or host networking), [] means awsvpc with no
// groups, which ECS runs in the VPC's default group.
type ECSServiceSpec struct {
	Name      string `yaml:"name"`
	Placement `yaml:",inline"`
	// Deployments are further ACTIVE deployments still rolling out, each
	// with its own network configuration.
	Deployments []Placement `yaml:"deployments"`
	// TaskSets are task sets of an EXTERNAL or CODE_DEPLOY service.
	TaskSets []Placement       `yaml:"task_sets"`
	Tags     map[string]string `yaml:"tags"`
}

type ecsCluster struct {
	Name, ARN string
	Services  []ecsService
}

type ecsService struct {
	Name, ARN   string
	Tags        []Tag
	Net         *awsvpc   // nil: not awsvpc
	Deployments []*awsvpc // [0] is the PRIMARY deployment
	TaskSets    []*awsvpc
	// DeploymentIDs parallel Deployments, filled on first use (the
	// scenario's by position); Serial numbers the last deployment. Pending counts the DescribeServices reads left that show
	// the PRIMARY deployment IN_PROGRESS beside the one it replaces
	// (ecs_update.go).
	DeploymentIDs []string
	Serial        int
	Pending       int
}

func (b *builder) addECS() error {
	seen := map[string]bool{}
	for i, c := range b.res.ECSClusters {
		at := path{"ecs_clusters", i}
		if err := b.unique(seen, c.Name, at); err != nil {
			return err
		}
		cl := ecsCluster{Name: c.Name, ARN: b.arn("ecs", "cluster/"+c.Name)}
		names := map[string]bool{}
		for j, s := range c.Services {
			sat := append(append(path{}, at...), "services", j)
			if err := b.unique(names, s.Name, sat); err != nil {
				return err
			}
			svc := ecsService{Name: s.Name, ARN: b.arn("ecs", "service/"+c.Name+"/"+s.Name), Tags: tagsOf(s.Tags, "")}
			_, net, err := b.optionalNet(s.Placement, sat)
			if err != nil {
				return err
			}
			svc.Net = net
			svc.Deployments = []*awsvpc{net}
			for _, extra := range []struct {
				key   string
				specs []Placement
				out   *[]*awsvpc
			}{{"deployments", s.Deployments, &svc.Deployments}, {"task_sets", s.TaskSets, &svc.TaskSets}} {
				for k, p := range extra.specs {
					_, n, err := b.optionalNet(p, append(append(path{}, sat...), extra.key, k))
					if err != nil {
						return err
					}
					*extra.out = append(*extra.out, n)
				}
			}
			cl.Services = append(cl.Services, svc)
		}
		b.st.ecsClusters = append(b.st.ecsClusters, cl)
	}
	return nil
}
