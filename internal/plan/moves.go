package plan

import (
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/apply/movers"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// manualAPIs name, for users apply does not move itself, the call of the
// owning service that would (reference tables A and B, "Change API"); the
// manual step quotes it.
var manualAPIs = map[string]string{
	"RDS Proxy":                     "rds:ModifyDBProxy",
	"Auto Scaling group":            "autoscaling:UpdateAutoScalingGroup (after its launch template moves; an instance refresh replaces running instances)",
	"Glue connection":               "glue:UpdateConnection",
	"EventBridge ECS target":        "events:PutTargets",
	"EKS cluster":                   "eks:UpdateClusterConfig",
	"EC2 Instance Connect Endpoint": "ec2:ModifyInstanceConnectEndpoint",
	"Client VPN endpoint":           "ec2:ModifyClientVpnEndpoint",
	"DMS replication instance":      "dms:ModifyReplicationInstance",
	"OpenSearch domain":             "es:UpdateDomainConfig",
	"Batch compute environment":     "batch:UpdateComputeEnvironment",
	"MWAA environment":              "airflow:UpdateEnvironment",
}

// moveFor returns the in-place move of a user, or false when the user must
// be moved by hand: managed by a stack/Beanstalk/EKS (the stack would revert
// it), immutable, unattributed, an old launch template version, or of a
// kind apply has no mover for.
func moveFor(u usage.Usage) (Move, bool) {
	mv, ok := movers.For(u.ResourceType)
	if !ok || u.ManagedBy != "" || u.Unattributed || u.Change == usage.ChangeReplacement || u.Change == usage.ChangeUnknown {
		return Move{}, false
	}
	if u.ResourceType == "Launch template" && !strings.Contains(u.Detail, "(default)") {
		return Move{}, false
	}
	return Move{Account: u.Account, Region: u.Region, DefaultGroupID: u.GroupID, Service: u.Service,
		ResourceType: u.ResourceType, ResourceID: u.ResourceID, ARN: u.ARN, Detail: u.Detail, API: mv.API, Change: u.Change}, true
}

// coveredByService reports whether an interface's owner is also found by its
// service's own finder for the same group: the owner is moved through its
// service (or listed once as a manual step), and its interfaces follow.
func coveredByService(u usage.Usage, users []usage.Usage) bool {
	if u.Finder != "ec2-network-interfaces" || u.Unattributed ||
		u.ResourceType == "EC2 instance" || u.ResourceType == "Network interface (unattached)" {
		return false
	}
	for _, o := range users {
		if o.Finder == u.Finder || o.Service != u.Service || o.Kind == usage.KindReference {
			continue
		}
		if u.Service != "ec2" || o.ResourceID == u.ResourceID {
			return true
		}
	}
	return false
}

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
	case u.ResourceType == "Launch template":
		m.Instructions = fmt.Sprintf("Launch template %s %s is not the default version and versions are immutable: once no Auto Scaling group or user launches it, delete it (ec2:DeleteLaunchTemplateVersions); apply moves the default version.",
			u.ResourceID, u.Detail)
	case manualAPIs[u.ResourceType] != "" && u.Change != usage.ChangeReplacement && u.Change != usage.ChangeUnknown:
		m.Instructions = fmt.Sprintf("Call %s to replace %s by the replacement group in %s %s's groups, keeping its other groups.",
			manualAPIs[u.ResourceType], u.GroupID, u.ResourceType, u.ResourceID)
	case u.Change == usage.ChangeReplacement:
		m.Instructions = fmt.Sprintf("%s cannot change its security groups in place: recreate it with the replacement group.", u.ResourceType)
	case u.Change == usage.ChangeDeployment:
		m.Instructions = fmt.Sprintf("%s %s: %s", u.ResourceType, u.ResourceID, strings.TrimSpace(u.Detail+" — deploy a new version that uses the replacement group."))
	default:
		m.Instructions = fmt.Sprintf("Move %s %s to the replacement group through %s's console or API.", u.ResourceType, u.ResourceID, u.Service)
	}
	return m
}
