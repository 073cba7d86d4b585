package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/svc"
	"github.com/defaultsg/defaultsg/internal/usage"
)

// moveFor returns the in-place move of a user, or false when the user must
// be moved by hand: managed by a stack/Beanstalk/EKS (the stack would revert
// it), immutable, unattributed, or of a kind apply has no mover for.
func moveFor(u usage.Usage) (Move, bool) {
	mv, ok := services.Mover(u.ResourceKind)
	if !ok || u.ManagedBy != "" || u.Unattributed || u.Change == usage.ChangeReplacement || u.Change == usage.ChangeUnknown {
		return Move{}, false
	}
	return Move{Account: u.Account, Region: u.Region, DefaultGroupID: u.GroupID, Kind: u.ResourceKind, Service: u.Service,
		ResourceType: u.ResourceType, ResourceID: u.ResourceID, ARN: u.ARN, Detail: u.Detail, API: mv.API, Change: u.Change}, true
}

// coveredByService reports whether an interface belongs to a resource that
// another user on the same group stands for: moving that resource (or its
// manual step) moves the interface too. An interface that names its owner
// is covered only by that owner; one that does not (RDS writes just
// "RDSNetworkInterface") by any user of a kind that moves it.
func coveredByService(u usage.Usage, users []usage.Usage) bool {
	if u.Parent != "" {
		return movedWithParent(u, users)
	}
	if u.Interface == "" {
		return false
	}
	sig, ok := services.Signature(u.ResourceKind)
	if !ok || len(sig.MovedWith) == 0 {
		return false
	}
	named := u.ResourceID != u.Interface
	for _, o := range users {
		if o.Interface != "" || o.Kind == usage.KindReference || !slices.Contains(sig.MovedWith, o.ResourceKind) {
			continue
		}
		if !named || sameResource(u.ResourceID, o) {
			return true
		}
	}
	return false
}

// sameResource reports whether an interface's owner id names o: by id, or
// as the tail of o's ARN ("app/web/50dc…" of a load balancer's ARN).
func sameResource(owner string, o usage.Usage) bool {
	return owner == o.ResourceID || (o.ARN != "" && (strings.HasSuffix(o.ARN, "/"+owner) || strings.HasSuffix(o.ARN, ":"+owner)))
}

// refreshFor is the refresh offered for a user that moves with its parent,
// when its kind has one.
func refreshFor(u usage.Usage) (Refresh, bool) {
	def, ok := services.Kind(u.ResourceKind)
	if !ok || def.Refresh == nil || u.Parent == "" {
		return Refresh{}, false
	}
	return Refresh{Account: u.Account, Region: u.Region, DefaultGroupID: u.GroupID, Kind: u.ResourceKind, ResourceType: u.ResourceType,
		ResourceID: u.ResourceID, ARN: u.ARN, Parent: u.Parent, API: def.Refresh.API}, true
}

func manualFor(u usage.Usage) Manual {
	m := Manual{Account: u.Account, Region: u.Region, DefaultGroupID: u.GroupID, Kind: u.ResourceKind, ResourceType: u.ResourceType,
		ResourceID: u.ResourceID, ManagedBy: u.ManagedBy}
	def, _ := services.Kind(u.ResourceKind)
	kind, name, _ := strings.Cut(u.ManagedBy, ":")
	switch {
	case kind == "cloudformation":
		m.Instructions = fmt.Sprintf("In CloudFormation stack %q, change the security group property of %s %s from %s to the replacement group, then update the stack (changing it directly would be reverted by the next stack update).",
			name, u.ResourceType, u.ResourceID, u.GroupID)
	case kind == "elasticbeanstalk":
		m.Instructions = fmt.Sprintf("In Elastic Beanstalk environment %q, set the SecurityGroups option settings to the replacement group (UpdateEnvironment); never patch the resources Beanstalk owns.", name)
	case kind == "eks":
		m.Instructions = fmt.Sprintf("In EKS cluster %q, change the node group's launch template or cluster config to use the replacement group.", name)
	case strings.HasPrefix(u.ManagedBy, svc.OwnerUnknown):
		m.Instructions = fmt.Sprintf("Who manages %s %s is unknown (%s): if a stack or tool owns it, change its security group there; otherwise move it with %s, or grant the read and plan again.",
			u.ResourceType, u.ResourceID, strings.TrimPrefix(u.ManagedBy, svc.OwnerUnknown), apiOf(def))
	case u.ManagedBy != "":
		m.Instructions = fmt.Sprintf("Managed by %s: change the security group of %s %s there.", u.ManagedBy, u.ResourceType, u.ResourceID)
	case u.Unattributed:
		m.Instructions = "Owner of the interface unknown (" + u.Detail + "): find the resource, move it, and re-run usage."
	case def.Manual.Text != nil:
		m.Instructions = def.Manual.Text(u)
	case def.Manual.API != "" && u.Change != usage.ChangeReplacement && u.Change != usage.ChangeUnknown:
		m.Instructions = fmt.Sprintf("Call %s to replace %s by the replacement group in %s %s's groups, keeping its other groups.",
			def.Manual.API, u.GroupID, u.ResourceType, u.ResourceID)
	case def.Manual.Recreate || u.Change == usage.ChangeReplacement:
		m.Instructions = fmt.Sprintf("%s cannot change its security groups in place: recreate it with the replacement group.", u.ResourceType)
	case def.Manual.Redeploy || u.Change == usage.ChangeDeployment:
		m.Instructions = fmt.Sprintf("%s %s: %s", u.ResourceType, u.ResourceID, strings.TrimSpace(u.Detail+" — deploy a new version that uses the replacement group."))
	default:
		m.Instructions = fmt.Sprintf("Move %s %s to the replacement group through %s's console or API.", u.ResourceType, u.ResourceID, u.Service)
	}
	return m
}

// movedWithParent reports whether u's parent (an Aurora member's cluster) is
// a user of the same group of a kind that moves u with it.
func movedWithParent(u usage.Usage, users []usage.Usage) bool {
	def, _ := services.Kind(u.ResourceKind)
	for _, o := range users {
		if o.ResourceID == u.Parent && o.Interface == "" && slices.Contains(def.MovedWith, o.ResourceKind) {
			return true
		}
	}
	return false
}

func apiOf(def services.Def) string {
	switch {
	case def.Mover != nil:
		return def.Mover.API
	case def.Manual.API != "":
		return def.Manual.API
	}
	return "its service's API"
}
