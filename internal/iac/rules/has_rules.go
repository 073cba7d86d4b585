package rules

import (
	"fmt"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// checkHasRules (DSG001) finds rules added to a default group, however
// harmless they look: a loopback egress is still a rule and fails EC2.2.
func checkHasRules(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, t := range w.Templates {
		for _, res := range t.Resources {
			if res.Type != "AWS::EC2::SecurityGroupIngress" && res.Type != "AWS::EC2::SecurityGroupEgress" {
				continue
			}
			dir := direction(res.Type)
			gid := res.Properties.Get("GroupId")
			if h, ok := w.cfn.resolve(t, gid); ok {
				out = append(out, r.at(gid.Pos, res.Pos, res.ID, "GroupId",
					fmt.Sprintf("%s adds an %s rule to the default security group of %s", res.Type, dir, h.target), h))
			} else if gn := res.Properties.Get("GroupName"); gn != nil && gn.Kind == model.Scalar && gn.Str == "default" {
				out = append(out, r.at(gn.Pos, res.Pos, res.ID, "GroupName",
					fmt.Sprintf("%s adds an %s rule to the group named \"default\" (the default VPC's default group)", res.Type, dir),
					hit{target: "default VPC"}))
			}
		}
	}
	for _, m := range w.tf.order {
		for _, b := range m.blocks {
			out = append(out, w.tfHasRules(m, b, r)...)
		}
	}
	return append(out, sourceFindings(w, r, model.UseRules)...)
}

func direction(cfnType string) string {
	if cfnType == "AWS::EC2::SecurityGroupEgress" {
		return "egress"
	}
	return "ingress"
}

func tfAddr(b *model.Block) string {
	if b.Type == "module" {
		return "module." + b.Label(0)
	}
	if b.Type == "data" {
		return "data." + b.Label(0) + "." + b.Label(1)
	}
	return b.Label(0) + "." + b.Label(1)
}

func (w *Workspace) tfHasRules(m *tfModule, b *model.Block, r *Rule) []model.Finding {
	var out []model.Finding
	addr := tfAddr(b)
	self := hit{target: m.dir + "#" + addr}
	switch {
	case b.Type == "resource" && b.Label(0) == "aws_default_security_group":
		for _, rb := range w.tf.defaultGroupRules(m, b) {
			out = append(out, r.at(rb.pos, b.Pos, addr, rb.path,
				fmt.Sprintf("aws_default_security_group %s declares %s rules, which AWS applies to the VPC's default group", b.Label(1), rb.kind), self))
		}
	case b.Type == "resource" && w.tf.importedDefault(m, b):
		for _, rb := range w.tf.defaultGroupRules(m, b) {
			out = append(out, r.at(rb.pos, b.Pos, addr, rb.path,
				fmt.Sprintf("aws_security_group %s is named \"default\", so it is an imported VPC default group; its %s rules are default-group rules", b.Label(1), rb.kind), self))
		}
	case b.Type == "resource" && isRuleResource(b.Label(0)):
		a := b.Attr("security_group_id")
		if h, ok := w.tf.resolveScoped(m, eachScope(b), exprOf(a)); ok {
			out = append(out, r.at(a.Pos, b.Pos, addr, "security_group_id",
				fmt.Sprintf("%s adds a rule to the default security group of %s", b.Label(0), h.target), h))
		}
	case b.Type == "module" && isVPCModule(b) && !w.tf.isConst(m, exprOf(b.Attr("manage_default_security_group")), false):
		for _, name := range []string{"default_security_group_ingress", "default_security_group_egress"} {
			if a := b.Attr(name); a != nil && w.tf.mayHaveItems(m, a.Expr) {
				out = append(out, r.at(a.Pos, b.Pos, addr, name,
					fmt.Sprintf("module %s puts rules on its VPC's default security group through %s", b.Label(0), name), self))
			}
		}
	}
	return out
}

func isRuleResource(typ string) bool {
	return typ == "aws_security_group_rule" || typ == "aws_vpc_security_group_ingress_rule" || typ == "aws_vpc_security_group_egress_rule"
}

type ruleSpot struct {
	pos  model.Pos
	path string
	kind string
}

// defaultGroupRules lists the rules an aws_default_security_group declares:
// ingress/egress blocks, non-empty attribute lists, and dynamic blocks whose
// for_each is not known to be empty.
func (x *tfIndex) defaultGroupRules(m *tfModule, b *model.Block) []ruleSpot {
	var out []ruleSpot
	for _, kind := range []string{"ingress", "egress"} {
		for i, nb := range b.BlocksOf(kind) {
			out = append(out, ruleSpot{nb.Pos, model.PathIndex(kind, i), kind})
		}
		if a := b.Attr(kind); a != nil && x.mayHaveItems(m, a.Expr) {
			out = append(out, ruleSpot{a.Pos, kind, kind})
		}
		for _, d := range b.BlocksOf("dynamic") {
			if d.Label(0) == kind && x.mayHaveItems(m, exprOf(d.Attr("for_each"))) {
				out = append(out, ruleSpot{d.Pos, "dynamic." + kind, kind})
			}
		}
	}
	return out
}
