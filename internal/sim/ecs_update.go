package sim

import (
	"fmt"
	"net/http"
	"regexp"
)

// UpdateService: apply gives an awsvpc service other groups. ECS starts a
// new PRIMARY deployment with the new network configuration; for
// settlingReads DescribeServices it rolls out (rolloutState IN_PROGRESS)
// beside the deployment it replaces (ACTIVE), then it is the only one
// (COMPLETED). The service's task interfaces move to the new groups at
// once: ECS replaces the tasks, the simulator moves their interfaces.

type ecsUpdateRequest struct {
	Cluster              string `json:"cluster"`
	Service              string `json:"service"`
	ForceNewDeployment   bool   `json:"forceNewDeployment"`
	NetworkConfiguration *struct {
		AwsvpcConfiguration *struct {
			Subnets        []string `json:"subnets"`
			SecurityGroups []string `json:"securityGroups"`
			AssignPublicIP string   `json:"assignPublicIp"`
		} `json:"awsvpcConfiguration"`
	} `json:"networkConfiguration"`
}

func updateECSService(c *call) (any, *apiError) {
	var req ecsUpdateRequest
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if req.Service == "" {
		return nil, ecsInvalid("service can not be blank.")
	}
	cl, e := c.ecsCluster(req.Cluster)
	if e != nil {
		return nil, e
	}
	s := cl.service(req.Service)
	if s == nil {
		return nil, errf(http.StatusBadRequest, "ServiceNotFoundException", "Service not found.")
	}
	next := s.Net
	if nc := req.NetworkConfiguration; nc != nil {
		if nc.AwsvpcConfiguration == nil {
			return nil, ecsInvalid("networkConfiguration.awsvpcConfiguration can not be null.")
		}
		a := nc.AwsvpcConfiguration
		var err *apiError
		if next, err = c.ecsNextNet(s, dedupe(a.Subnets), dedupe(a.SecurityGroups), a.AssignPublicIP); err != nil {
			return nil, err
		}
	}
	if req.NetworkConfiguration != nil || req.ForceNewDeployment {
		c.state.deployECS(s, next)
	}
	return map[string]any{"service": ecsServiceJSON(cl, s, false)}, nil
}

// ecsNextNet validates a service's next awsvpc configuration.
func (c *call) ecsNextNet(s *ecsService, subnets, groups []string, publicIP string) (*awsvpc, *apiError) {
	st := c.state
	switch {
	case len(s.TaskSets) > 0:
		return nil, ecsInvalid("Unable to update network configuration on a service using an EXTERNAL or CODE_DEPLOY deployment controller. Update its task sets instead.")
	case s.Net == nil:
		return nil, ecsInvalid("Network Configuration is not valid for the given networkMode of this task definition.")
	case len(subnets) == 0:
		return nil, ecsInvalid("subnets can not be empty.")
	case len(subnets) > 16:
		return nil, ecsInvalid("subnets can have at most 16 items.")
	case len(groups) > 5:
		return nil, ecsInvalid("securityGroups can have at most 5 items.")
	case publicIP != "" && publicIP != "ENABLED" && publicIP != "DISABLED":
		return nil, ecsInvalid("1 validation error detected: Value '" + publicIP +
			"' at 'networkConfiguration.awsvpcConfiguration.assignPublicIp' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]")
	}
	vpcID, missing, stray := st.subnetsVPC(subnets)
	if missing != "" {
		return nil, ecsInvalid(fmt.Sprintf("Error retrieving subnet information for [%s]: The subnet ID '%s' does not exist (ErrorCode: InvalidSubnetID.NotFound)", missing, missing))
	}
	if stray != "" {
		return nil, ecsInvalid("Subnets must all belong to one VPC: " + stray + " is not in " + st.subnets[subnets[0]].VpcID + ".")
	}
	if bad := st.invalidGroup(vpcID, groups); bad != "" {
		if g := st.groups[bad]; g != nil {
			return nil, ecsInvalid("Security group " + bad + " is in " + g.VpcID + ", not in " + vpcID + " of the subnets.")
		}
		return nil, ecsInvalid(fmt.Sprintf("Error retrieving security group information for [%s]: The security group '%s' does not exist (ErrorCode: InvalidGroup.NotFound)", bad, bad))
	}
	return &awsvpc{Subnets: subnets, Groups: groups, PublicIP: publicIP == "ENABLED"}, nil
}

// deployECS starts a deployment of next (nil: not awsvpc) as the new
// PRIMARY and moves the service's task interfaces: ECS attachment
// interfaces in the old subnets with exactly the old (effective) groups.
func (st *regionState) deployECS(s *ecsService, next *awsvpc) {
	if old := s.Net; old != nil && next != nil && len(old.Subnets) > 0 {
		oldVPC := ""
		if sn := st.subnets[old.Subnets[0]]; sn != nil {
			oldVPC = sn.VpcID
		}
		oldGroups := st.effectiveGroups(oldVPC, old.Groups)
		newGroups := st.effectiveGroups(st.subnets[next.Subnets[0]].VpcID, next.Groups)
		subnets := map[string]bool{}
		for _, id := range old.Subnets {
			subnets[id] = true
		}
		st.place(func(n *NetworkInterface) bool {
			return ecsAttachment.MatchString(n.Description) && n.VpcID == oldVPC && subnets[n.SubnetID] && sameGroups(n, oldGroups)
		}, next.Subnets, newGroups)
	}
	ids := s.deploymentIDs()
	s.Serial++
	s.Net = next
	s.Deployments = append([]*awsvpc{next}, s.Deployments...)
	s.DeploymentIDs = append([]string{fmt.Sprintf("ecs-svc/%s-%d", s.Name, s.Serial)}, ids...)
	s.Pending = settlingReads
}

// deploymentIDs are the ids of s.Deployments: by position until the
// service is first updated, then as recorded.
func (s *ecsService) deploymentIDs() []string {
	if s.DeploymentIDs == nil {
		for i := range s.Deployments {
			s.DeploymentIDs = append(s.DeploymentIDs, fmt.Sprintf("ecs-svc/%s-%d", s.Name, i+1))
		}
		s.Serial = len(s.Deployments)
	}
	return s.DeploymentIDs
}

// deploymentsJSON lists the deployments, PRIMARY first. The PRIMARY one
// is rolling out (IN_PROGRESS) while others remain, then COMPLETED.
func (s *ecsService) deploymentsJSON() []map[string]any {
	ids := s.deploymentIDs()
	out := []map[string]any{}
	for i, d := range s.Deployments {
		dep := map[string]any{"id": ids[i], "status": "ACTIVE", "rolloutState": "COMPLETED", "createdAt": orgJoined,
			"desiredCount": 1, "runningCount": 1, "pendingCount": 0, "launchType": "FARGATE"}
		if i == 0 {
			dep["status"] = "PRIMARY"
			if len(s.Deployments) > 1 {
				dep["rolloutState"], dep["runningCount"], dep["pendingCount"] = "IN_PROGRESS", 0, 1
				dep["rolloutStateReason"] = "ECS deployment " + ids[i] + " in progress."
			}
		}
		if d != nil {
			dep["networkConfiguration"] = ecsNet(d)
		}
		out = append(out, dep)
	}
	return out
}

// countRead counts a DescribeServices that showed s; after the last
// settling read only the new PRIMARY deployment remains.
func (s *ecsService) countRead() {
	if s.Pending == 0 {
		return
	}
	if s.Pending--; s.Pending == 0 {
		s.Deployments, s.DeploymentIDs = s.Deployments[:1], s.DeploymentIDs[:1]
	}
}

// ecsAttachment matches an ECS task interface's description (its
// attachment ARN).
var ecsAttachment = regexp.MustCompile(`^arn:aws[a-z-]*:ecs:[^:]+:\d+:attachment/[0-9a-f-]+$`)
