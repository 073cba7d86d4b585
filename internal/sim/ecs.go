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
}

// ecsCluster finds a cluster by name or ARN; omitted is "default".
func (c *call) ecsCluster(ref string) (*ecsCluster, *apiError) {
	if ref == "" {
		ref = "default"
	}
	for i, cl := range c.state.app.clusters {
		if cl.Name == ref || cl.ARN == ref {
			return &c.state.app.clusters[i], nil
		}
	}
	return nil, errf(http.StatusBadRequest, "ClusterNotFoundException", "Cluster not found.")
}

func listECSClusters(c *call) (any, *apiError) {
	var req ecsRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	items, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: ecsInvalid, action: c.Action, max: req.MaxResults, token: req.NextToken}, c.state.app.clusters)
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
		services = append(services, ecsServiceJSON(cl, s, true))
	}
	return map[string]any{"services": services, "failures": failures}, nil
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

// withNext adds the next-page token under key unless this is the last page:
// AWS omits the member rather than sending null.
func withNext(m map[string]any, key, next string) map[string]any {
	if next != "" {
		m[key] = next
	}
	return m
}
