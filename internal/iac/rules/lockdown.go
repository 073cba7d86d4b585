package rules

import (
	"fmt"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// cdkRestrictType is the custom resource CDK synthesises for
// restrictDefaultSecurityGroup (on by default since the
// @aws-cdk/aws-ec2:restrictDefaultSecurityGroup feature flag).
const cdkRestrictType = "Custom::VpcRestrictDefaultSG"

// checkLockdown (DSG006, info) records lockdowns that are present, so that
// reports show passes as well as failures.
func checkLockdown(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, t := range w.Templates {
		for _, res := range t.Resources {
			if res.Type != cdkRestrictType {
				continue
			}
			h, _ := w.cfn.resolve(t, res.Properties.Get("DefaultSecurityGroupId"))
			out = append(out, r.at(res.Pos, res.Pos, res.ID, "",
				fmt.Sprintf("CDK restrictDefaultSecurityGroup removes the rules of the default group of %s", h.target), h))
		}
	}
	ruled := w.tfRuledTargets()
	for _, m := range w.tf.order {
		for _, b := range m.blocks {
			addr, self := tfAddr(b), hit{target: m.dir + "#" + tfAddr(b)}
			if ruled[self.target] || b.Label(0) == "aws_default_security_group" && ruled[m.dir+"#"+vpcOf(b)] {
				continue // a separate rule resource adds rules: not a lockdown (DSG001 reports them)
			}
			switch {
			case b.Type == "resource" && b.Label(0) == "aws_default_security_group" && len(w.tf.defaultGroupRules(m, b)) == 0:
				out = append(out, r.at(b.Pos, b.Pos, addr, "",
					"aws_default_security_group manages the default group with no rules", self))
			case b.Type == "module" && vpcModuleLocksDown(w.tf, m, b):
				out = append(out, r.at(b.Pos, b.Pos, addr, "manage_default_security_group",
					fmt.Sprintf("module %s manages the default security group with no rules", b.Label(0)), self))
			}
		}
	}
	return out
}

// tfRuledTargets are the default groups that a separate rule resource
// (aws_security_group_rule, aws_vpc_security_group_ingress_rule, ...)
// anywhere in the tree adds rules to.
func (w *Workspace) tfRuledTargets() map[string]bool {
	out := map[string]bool{}
	for _, m := range w.tf.order {
		for _, b := range m.blocks {
			if b.Type == "resource" && isRuleResource(b.Label(0)) {
				if h, ok := w.tf.resolveExpr(m, exprOf(b.Attr("security_group_id"))); ok {
					out[h.target] = true
				}
			}
		}
	}
	return out
}

// vpcOf is "aws_vpc.X" for an aws_default_security_group with vpc_id = aws_vpc.X.id.
func vpcOf(b *model.Block) string {
	for _, ref := range exprRefs(b.Attr("vpc_id")) {
		if len(ref.Parts) >= 2 && ref.Parts[0] == "aws_vpc" {
			return "aws_vpc." + ref.Parts[1]
		}
	}
	return ""
}

func vpcModuleLocksDown(x *tfIndex, m *tfModule, b *model.Block) bool {
	if !isVPCModule(b) {
		return false
	}
	manage := b.Attr("manage_default_security_group")
	// terraform-aws-modules/vpc v5 manages the group by default.
	if manage != nil && !x.isConst(m, manage.Expr, true) {
		return false
	}
	for _, name := range []string{"default_security_group_ingress", "default_security_group_egress"} {
		if a := b.Attr(name); a != nil && x.mayHaveItems(m, a.Expr) {
			return false
		}
	}
	return true
}

// checkLockdownDisabled (DSG005) reports lockdowns switched off: the VPC
// module's manage_default_security_group = false, and CDK VPCs synthesised
// without the restrict custom resource.
func checkLockdownDisabled(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, t := range w.Templates {
		if !t.CDK {
			continue
		}
		restricted := map[string]bool{}
		for _, res := range t.Resources {
			if res.Type == cdkRestrictType {
				if h, ok := w.cfn.resolve(t, res.Properties.Get("DefaultSecurityGroupId")); ok {
					restricted[h.target] = true
				}
			}
		}
		for _, res := range t.Resources {
			target := t.Path + "#" + res.ID
			if res.Type == vpcType && !restricted[target] {
				out = append(out, r.at(res.Pos, res.Pos, res.ID, "",
					fmt.Sprintf("CDK VPC %s was synthesised without restrictDefaultSecurityGroup; its default group keeps AWS's allow rules", res.ID),
					hit{target: target}))
			}
		}
	}
	for _, m := range w.tf.order {
		for _, b := range m.blocks {
			if b.Type != "module" || !isVPCModule(b) {
				continue
			}
			if a := b.Attr("manage_default_security_group"); a != nil && w.tf.isConst(m, a.Expr, false) {
				out = append(out, r.at(a.Pos, b.Pos, tfAddr(b), a.Name,
					fmt.Sprintf("module %s does not manage the VPC's default security group, which keeps AWS's allow rules", b.Label(0)),
					hit{target: m.dir + "#" + tfAddr(b)}))
			}
		}
	}
	return append(out, sourceFindings(w, r, model.UseLockdownOff)...)
}

// checkLockdownMissing (DSG008) reports Terraform VPCs whose module has no
// aws_default_security_group pointing at them.
func checkLockdownMissing(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, m := range w.tf.order {
		managed := map[string]bool{}
		for _, b := range m.blocks {
			if b.Type == "resource" && b.Label(0) == "aws_default_security_group" {
				for _, ref := range exprRefs(b.Attr("vpc_id")) {
					if len(ref.Parts) >= 2 && ref.Parts[0] == "aws_vpc" {
						managed[ref.Parts[1]] = true
					}
				}
			}
		}
		for _, b := range m.blocks {
			if b.Type == "resource" && b.Label(0) == "aws_vpc" && !managed[b.Label(1)] {
				addr := tfAddr(b)
				out = append(out, r.at(b.Pos, b.Pos, addr, "",
					fmt.Sprintf("%s has no aws_default_security_group; its default group keeps AWS's allow rules", addr),
					hit{target: m.dir + "#" + addr}))
			}
		}
	}
	return out
}

func exprRefs(a *model.Attr) []model.Ref {
	if a == nil {
		return nil
	}
	return a.Expr.Refs
}
