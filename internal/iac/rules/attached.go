package rules

import (
	"fmt"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// cfnNotAttached lists the types whose default-group references other
// rules report (rules on or to the group, the CDK lockdown itself).
func cfnNotAttached(typ string) bool {
	switch typ {
	case "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress", "AWS::EC2::SecurityGroup", cdkRestrictType:
		return true
	}
	return false
}

// checkAttached (DSG002) reports every property that places a resource in a
// default group, in any spelling the resolvers understand.
func checkAttached(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, t := range w.Templates {
		for _, res := range t.Resources {
			if cfnNotAttached(res.Type) {
				continue
			}
			props := res.Properties
			if w.cfn.child(t, &res) != nil {
				// The child template is scanned; its use of the parameter is
				// reported there, with this stack in the chain.
				continue
			}
			w.cfn.walk(t, props, "", func(path string, v *model.Value, h hit) {
				out = append(out, r.at(v.Pos, res.Pos, res.ID, path,
					fmt.Sprintf("%s %s references the default security group of %s", res.Type, res.ID, h.target), h))
			})
		}
		w.cfn.walk(t, t.Globals, "", func(path string, v *model.Value, h hit) {
			out = append(out, r.at(v.Pos, v.Pos, "Globals", path,
				fmt.Sprintf("SAM Globals put every function in the default security group of %s", h.target), h))
		})
	}
	for _, m := range w.tf.order {
		for _, b := range m.blocks {
			out = append(out, w.tfAttached(m, b, r)...)
		}
	}
	return append(out, sourceFindings(w, r, model.UseAttached, model.UseReference)...)
}

func (w *Workspace) tfAttached(m *tfModule, b *model.Block, r *Rule) []model.Finding {
	switch {
	case b.Type == "resource":
		typ := b.Label(0)
		if typ == "aws_default_security_group" || typ == "aws_security_group" || isRuleResource(typ) {
			return nil
		}
	case b.Type == "module":
		if isVPCModule(b) || w.tf.child(m, b) != nil {
			return nil // a scanned child reports its own use of the input
		}
	default:
		return nil
	}
	var out []model.Finding
	addr := tfAddr(b)
	w.tf.walkBlock(m, b, "", func(path string, a *model.Attr, h hit) {
		msg := fmt.Sprintf("%s references the default security group of %s", addr, h.target)
		if b.Type == "module" {
			msg = fmt.Sprintf("module %s (not in the scanned tree) receives the default security group of %s as %s", b.Label(0), h.target, path)
		}
		out = append(out, r.at(a.Pos, b.Pos, addr, path, msg, h))
	})
	return out
}

// walkBlock calls fn for each attribute under b that resolves to a default
// group; meta-arguments are skipped because they never place a resource.
func (x *tfIndex) walkBlock(m *tfModule, b *model.Block, path string, fn func(path string, a *model.Attr, h hit)) {
	for _, a := range b.Attrs {
		if a.Name == "depends_on" || a.Name == "count" || a.Name == "for_each" || a.Name == "source" {
			continue
		}
		if h, ok := x.resolveExpr(m, a.Expr); ok {
			fn(model.PathKey(path, a.Name), a, h)
		}
	}
	for _, nb := range b.Blocks {
		name := nb.Type
		if nb.Type == "dynamic" {
			name = "dynamic." + nb.Label(0)
		}
		x.walkBlock(m, nb, model.PathKey(path, name), fn)
	}
}
