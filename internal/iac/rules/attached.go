package rules

import (
	"fmt"
	"slices"
	"strings"

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
		if b.Type == "module" && ruleSourceInput(path) {
			return // a rule source: DSG003
		}
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
// each.value and a dynamic block's iterator resolve through their for_each,
// so lists kept in locals maps are followed.
func (x *tfIndex) walkBlock(m *tfModule, b *model.Block, path string, fn func(path string, a *model.Attr, h hit)) {
	x.walkScoped(m, b, eachScope(b), path, fn)
}

func (x *tfIndex) walkScoped(m *tfModule, b *model.Block, scope map[string]*model.Expr, path string, fn func(path string, a *model.Attr, h hit)) {
	for _, a := range b.Attrs {
		if a.Name == "depends_on" || a.Name == "count" || a.Name == "for_each" || a.Name == "source" || a.Name == "iterator" {
			continue
		}
		if h, ok := x.resolveScoped(m, scope, a.Expr); ok {
			fn(model.PathKey(path, a.Name), a, h)
		}
	}
	for _, nb := range b.Blocks {
		name, inner := nb.Type, scope
		if nb.Type == "dynamic" {
			name = "dynamic." + nb.Label(0)
			iter := nb.Label(0)
			if it := constString(nb.Attr("iterator")); it != "" {
				iter = it
			}
			inner = map[string]*model.Expr{iter: exprOf(nb.Attr("for_each"))}
			for k, v := range scope {
				if k != iter {
					inner[k] = v
				}
			}
		}
		x.walkScoped(m, nb, inner, model.PathKey(path, name), fn)
	}
}

// resolveElements resolves the attribute sel of the elements of collection
// e (a for_each): in a map of objects written in place or in a local, only
// references under the key sel of some element count. Elsewhere (a
// variable, a function call) every reference counts.
func (x *tfIndex) resolveElements(m *tfModule, e *model.Expr, sel []string, depth int) (hit, bool) {
	if e == nil || depth > 8 {
		return hit{}, false
	}
	if e.Single && len(e.Refs[0].Parts) == 2 && e.Refs[0].Parts[0] == "local" {
		if a := m.locals[e.Refs[0].Parts[1]]; a != nil {
			if h, ok := x.resolveElements(m, a.Expr, sel, depth+1); ok {
				return h.prepend(fmt.Sprintf("%s:%d local.%s", a.Pos.File, a.Pos.Line, a.Name)), true
			}
			return hit{}, false
		}
	}
	for _, r := range e.Refs {
		if r.Embedded {
			continue
		}
		if r.Keys != nil && len(sel) > 0 && !keysSelect(r.Keys, sel) {
			continue
		}
		if h, ok := x.resolveRef(m, r.Parts); ok {
			return h, true
		}
	}
	return hit{}, false
}

// keysSelect: the reference lies under sel in one element of a map
// (keys [api groups] for sel [groups]) or of a list of objects ([groups]).
func keysSelect(keys, sel []string) bool {
	for skip := 0; skip <= 1 && skip < len(keys); skip++ {
		rest := keys[skip:]
		if len(rest) >= len(sel) && slices.Equal(rest[:len(sel)], sel) {
			return true
		}
	}
	return false
}

// eachScope maps "each" to the block's for_each expression.
func eachScope(b *model.Block) map[string]*model.Expr {
	if fe := b.Attr("for_each"); fe != nil {
		return map[string]*model.Expr{"each": fe.Expr}
	}
	return nil
}

// resolveScoped is resolveExpr where references to an iterator in scope
// (each.value.sgs, ingress.value) stand for the collection it walks.
func (x *tfIndex) resolveScoped(m *tfModule, scope map[string]*model.Expr, e *model.Expr) (hit, bool) {
	if e == nil {
		return hit{}, false
	}
	for _, r := range e.Refs {
		if r.Embedded || len(r.Parts) == 0 {
			continue
		}
		if it, ok := scope[r.Parts[0]]; ok {
			var sel []string // each.value.groups -> [groups]
			if len(r.Parts) > 2 && r.Parts[1] == "value" {
				sel = r.Parts[2:]
			}
			if h, ok := x.resolveElements(m, it, sel, 0); ok {
				return h.prepend(fmt.Sprintf("%s:%d %s", r.Pos.File, r.Pos.Line, strings.Join(r.Parts, "."))), true
			}
			continue
		}
		if h, ok := x.resolveRef(m, r.Parts); ok {
			return h, true
		}
	}
	return hit{}, false
}
