package rules

import (
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// checkPeer (DSG003) finds rules of other groups whose source or
// destination is a default group. Rules on the default group itself are
// DSG001's.
func checkPeer(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, t := range w.Templates {
		for _, res := range t.Resources {
			var peers []*model.Value
			var paths []string
			switch res.Type {
			case "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress":
				if _, onDefault := w.cfn.resolve(t, res.Properties.Get("GroupId")); onDefault {
					continue
				}
				for _, k := range []string{"SourceSecurityGroupId", "DestinationSecurityGroupId"} {
					peers, paths = append(peers, res.Properties.Get(k)), append(paths, k)
				}
			case "AWS::EC2::SecurityGroup":
				for _, sec := range []string{"SecurityGroupIngress", "SecurityGroupEgress"} {
					rules := res.Properties.Get(sec)
					if rules == nil || rules.Kind != model.List {
						continue
					}
					for i, rule := range rules.Items {
						for _, k := range []string{"SourceSecurityGroupId", "DestinationSecurityGroupId"} {
							peers, paths = append(peers, rule.Get(k)), append(paths, model.PathKey(model.PathIndex(sec, i), k))
						}
					}
				}
			}
			for i, p := range peers {
				if h, ok := w.cfn.resolve(t, p); ok {
					out = append(out, r.at(p.Pos, res.Pos, res.ID, paths[i],
						fmt.Sprintf("%s %s allows traffic from/to the default security group of %s", res.Type, res.ID, h.target), h))
				}
			}
		}
	}
	for _, m := range w.tf.order {
		for _, b := range m.blocks {
			out = append(out, w.tfPeer(m, b, r)...)
		}
	}
	return append(out, sourceFindings(w, r, model.UsePeer)...)
}

// ruleSourceInput recognises module inputs that become the source of
// another group's rules: terraform-aws-modules/security-group's
// ingress_with_source_security_group_id, cloudposse's allowed_security_groups
// (and _ids), source_security_group_id(s).
func ruleSourceInput(path string) bool {
	name, _, _ := strings.Cut(path, ".")
	return strings.Contains(name, "source_security_group") || strings.Contains(name, "allowed_security_group") ||
		strings.HasPrefix(name, "ingress_with_") || strings.HasPrefix(name, "egress_with_") ||
		strings.HasPrefix(name, "computed_ingress_with_") || strings.HasPrefix(name, "computed_egress_with_")
}

func (w *Workspace) tfPeer(m *tfModule, b *model.Block, r *Rule) []model.Finding {
	if b.Type == "module" && !isVPCModule(b) && w.tf.child(m, b) == nil {
		var out []model.Finding
		w.tf.walkBlock(m, b, "", func(path string, a *model.Attr, h hit) {
			if ruleSourceInput(path) {
				out = append(out, r.at(a.Pos, b.Pos, tfAddr(b), path,
					fmt.Sprintf("module %s (not in the scanned tree) receives the default security group of %s as a rule source (%s)", b.Label(0), h.target, path), h))
			}
		})
		return out
	}
	if b.Type != "resource" {
		return nil
	}
	var attrs []*model.Attr
	var paths []string
	switch typ := b.Label(0); {
	case isRuleResource(typ):
		if _, onDefault := w.tf.resolveScoped(m, eachScope(b), exprOf(b.Attr("security_group_id"))); onDefault {
			return nil
		}
		for _, k := range []string{"source_security_group_id", "referenced_security_group_id"} {
			if a := b.Attr(k); a != nil {
				attrs, paths = append(attrs, a), append(paths, k)
			}
		}
	case typ == "aws_security_group" && !w.tf.importedDefault(m, b):
		for _, kind := range []string{"ingress", "egress"} {
			for i, nb := range b.BlocksOf(kind) {
				if a := nb.Attr("security_groups"); a != nil {
					attrs, paths = append(attrs, a), append(paths, model.PathKey(model.PathIndex(kind, i), "security_groups"))
				}
			}
		}
	}
	var out []model.Finding
	addr := tfAddr(b)
	if typ := b.Label(0); typ == "aws_security_group" && !w.tf.importedDefault(m, b) {
		w.tf.walkBlock(m, b, "", func(path string, a *model.Attr, h hit) {
			if strings.HasPrefix(path, "dynamic.") && strings.HasSuffix(path, "security_groups") {
				out = append(out, r.at(a.Pos, b.Pos, addr, path,
					fmt.Sprintf("%s allows traffic from/to the default security group of %s", addr, h.target), h))
			}
		})
	}
	for i, a := range attrs {
		if h, ok := w.tf.resolveScoped(m, eachScope(b), a.Expr); ok {
			out = append(out, r.at(a.Pos, b.Pos, addr, paths[i],
				fmt.Sprintf("%s allows traffic from/to the default security group of %s", addr, h.target), h))
		}
	}
	return out
}
