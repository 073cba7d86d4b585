package plan

import (
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/usage"
)

// moveAPIs says, by resource type, which call of the owning service moves a
// resource to another group while keeping its other groups (reference
// tables A and B, "Change API").
var moveAPIs = map[string]string{
	"EC2 instance":                   "ec2:ModifyNetworkInterfaceAttribute",
	"Network interface (unattached)": "ec2:ModifyNetworkInterfaceAttribute",
	"Lambda function":                "lambda:UpdateFunctionConfiguration",
	"CodeBuild project":              "codebuild:UpdateProject",
	"CodeBuild fleet":                "codebuild:UpdateFleet",
	"Launch template":                "ec2:CreateLaunchTemplateVersion + ec2:ModifyLaunchTemplate (new default version)",
	"Application Load Balancer":      "elasticloadbalancing:SetSecurityGroups",
	"Network Load Balancer":          "elasticloadbalancing:SetSecurityGroups",
	"Classic Load Balancer":          "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer",
	"RDS DB instance":                "rds:ModifyDBInstance",
	"RDS DB cluster":                 "rds:ModifyDBCluster",
	"RDS Proxy":                      "rds:ModifyDBProxy",
	"EFS mount target":               "elasticfilesystem:ModifyMountTargetSecurityGroups",
	"VPC endpoint":                   "ec2:ModifyVpcEndpoint",
	"ElastiCache cluster":            "elasticache:ModifyCacheCluster",
	"Redshift cluster":               "redshift:ModifyCluster",
	"ECS service":                    "ecs:UpdateService (starts a deployment)",
	"Auto Scaling group":             "autoscaling:UpdateAutoScalingGroup (instance refresh offered, not started)",
	"Glue connection":                "glue:UpdateConnection",
	"EventBridge ECS target":         "events:PutTargets",
	"EKS cluster":                    "eks:UpdateClusterConfig",
	"EC2 Instance Connect Endpoint":  "ec2:ModifyInstanceConnectEndpoint",
	"Client VPN endpoint":            "ec2:ModifyClientVpnEndpoint",
}

// moveFor returns the in-place move of a user, or false when the user must
// be moved by hand: managed by a stack/Beanstalk/EKS (the stack would revert
// it), immutable, unattributed, or of a kind without a move API.
func moveFor(u usage.Usage) (Move, bool) {
	api, ok := moveAPIs[u.ResourceType]
	if !ok || u.ManagedBy != "" || u.Unattributed || u.Change == usage.ChangeReplacement || u.Change == usage.ChangeUnknown {
		return Move{}, false
	}
	if !Automated(api) {
		return Move{}, false
	}
	return Move{Account: u.Account, Region: u.Region, DefaultGroupID: u.GroupID, Service: u.Service,
		ResourceType: u.ResourceType, ResourceID: u.ResourceID, Detail: u.Detail, API: api, Change: u.Change}, true
}

// Automated reports whether apply performs moves through api itself. This
// version moves EC2 network interfaces; other services' moves are manual
// steps that name the exact call.
func Automated(api string) bool { return api == "ec2:ModifyNetworkInterfaceAttribute" }

func manualFor(u usage.Usage) Manual {
	m := Manual{Account: u.Account, Region: u.Region, DefaultGroupID: u.GroupID, ResourceType: u.ResourceType,
		ResourceID: u.ResourceID, ManagedBy: u.ManagedBy}
	kind, name, _ := strings.Cut(u.ManagedBy, ":")
	switch {
	case kind == "cloudformation":
		m.Instructions = fmt.Sprintf("In CloudFormation stack %q, change the security group property of %s %s from %s to the replacement group, then update the stack (changing it directly would be reverted by the next stack update).",
			name, u.ResourceType, u.ResourceID, u.GroupID)
	case kind == "elasticbeanstalk":
		m.Instructions = fmt.Sprintf("In Elastic Beanstalk environment %q, set the SecurityGroups option settings to the replacement group (UpdateEnvironment); never patch the resources Beanstalk owns.", name)
	case kind == "eks":
		m.Instructions = fmt.Sprintf("In EKS cluster %q, change the node group's launch template or cluster config to use the replacement group.", name)
	case u.ManagedBy != "":
		m.Instructions = fmt.Sprintf("Managed by %s: change the security group of %s %s there.", u.ManagedBy, u.ResourceType, u.ResourceID)
	case u.Unattributed:
		m.Instructions = "Owner of the interface unknown (" + u.Detail + "): find the resource, move it, and re-run usage."
	case moveAPIs[u.ResourceType] != "" && u.Change != usage.ChangeReplacement && u.Change != usage.ChangeUnknown:
		m.Instructions = fmt.Sprintf("Call %s to replace %s by the replacement group in %s %s's groups, keeping its other groups (apply automates only EC2 interface moves in this version).",
			moveAPIs[u.ResourceType], u.GroupID, u.ResourceType, u.ResourceID)
	case u.Change == usage.ChangeReplacement:
		m.Instructions = fmt.Sprintf("%s cannot change its security groups in place: recreate it with the replacement group.", u.ResourceType)
	case u.Change == usage.ChangeDeployment:
		m.Instructions = fmt.Sprintf("%s %s: %s", u.ResourceType, u.ResourceID, strings.TrimSpace(u.Detail+" — deploy a new version that uses the replacement group."))
	default:
		m.Instructions = fmt.Sprintf("Move %s %s to the replacement group through %s's console or API.", u.ResourceType, u.ResourceID, u.Service)
	}
	return m
}
