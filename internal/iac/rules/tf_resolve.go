package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// resolveExpr reports whether expression e of module m can evaluate to (or
// contain) a default group id, following locals, variables (defaults and
// the inputs of every scanned caller) and local module outputs.
func (x *tfIndex) resolveExpr(m *tfModule, e *model.Expr) (hit, bool) {
	if e == nil {
		return hit{}, false
	}
	for _, r := range e.Refs {
		if r.Embedded {
			continue
		}
		if h, ok := x.resolveRef(m, r.Parts); ok {
			return h, true
		}
	}
	return hit{}, false
}

func (x *tfIndex) resolveRef(m *tfModule, parts []string) (hit, bool) {
	key := m.dir + "|" + strings.Join(parts, ".")
	if h, ok := x.memo[key]; ok {
		return derefHit(h)
	}
	if x.busy[key] {
		return hit{}, false
	}
	x.busy[key] = true
	h, ok := x.resolveRefUncached(m, parts)
	delete(x.busy, key)
	if ok {
		x.memo[key] = &h
	} else {
		x.memo[key] = nil
	}
	return h, ok
}

func (x *tfIndex) resolveRefUncached(m *tfModule, p []string) (hit, bool) {
	at := func(addr string, b *model.Block) string {
		if b != nil {
			return fmt.Sprintf("%s:%d %s", b.Pos.File, b.Pos.Line, addr)
		}
		return m.dir + " " + addr
	}
	switch {
	case len(p) >= 3 && p[0] == "aws_vpc" && p[2] == "default_security_group_id":
		addr := "aws_vpc." + p[1]
		return hit{target: m.dir + "#" + addr, via: []string{at(addr+".default_security_group_id", m.resources[addr])}}, true
	case len(p) >= 3 && p[0] == "aws_default_security_group" && p[2] == "id":
		addr := p[0] + "." + p[1]
		return hit{target: m.dir + "#" + addr, via: []string{at(addr+".id", m.resources[addr])}}, true
	case len(p) >= 3 && p[0] == "aws_security_group" && p[2] == "id":
		addr := p[0] + "." + p[1]
		if b := m.resources[addr]; b != nil && x.importedDefault(m, b) {
			return hit{target: m.dir + "#" + addr, via: []string{at(addr+".id (name \"default\": an imported default group)", b)}}, true
		}
	case len(p) >= 4 && p[0] == "data" && (p[3] == "id" || p[3] == "ids"):
		addr := p[1] + "." + p[2]
		if b := m.data[addr]; b != nil && x.looksUpDefault(m, b) {
			return hit{target: m.dir + "#data." + addr, via: []string{at("data."+addr+"."+p[3]+" (group-name default)", b)}}, true
		}
	case len(p) >= 2 && p[0] == "local":
		if a := m.locals[p[1]]; a != nil {
			if h, ok := x.resolveExpr(m, a.Expr); ok {
				return h.prepend(fmt.Sprintf("%s:%d local.%s", a.Pos.File, a.Pos.Line, p[1])), true
			}
		}
	case len(p) >= 2 && p[0] == "var":
		return x.variable(m, p[1])
	case len(p) >= 3 && p[0] == "module":
		return x.moduleOutput(m, p[1], p[2])
	}
	return hit{}, false
}

func (x *tfIndex) variable(m *tfModule, name string) (hit, bool) {
	v := m.variables[name]
	if v == nil {
		return hit{}, false
	}
	if d := v.Attr("default"); d != nil {
		if h, ok := x.resolveExpr(m, d.Expr); ok {
			return h.prepend(fmt.Sprintf("%s:%d var.%s default", d.Pos.File, d.Pos.Line, name)), true
		}
	}
	for _, c := range m.callers {
		if a := c.call.Attr(name); a != nil {
			if h, ok := x.resolveExpr(c.parent, a.Expr); ok {
				return h.prepend(fmt.Sprintf("%s:%d module.%s input %s", a.Pos.File, a.Pos.Line, c.call.Label(0), name)), true
			}
		}
	}
	return hit{}, false
}

// moduleOutput follows a local module's output, and trusts the name
// default_security_group_id of modules that are not in the tree (it is the
// output of terraform-aws-modules/vpc).
func (x *tfIndex) moduleOutput(m *tfModule, name, output string) (hit, bool) {
	call := m.calls[name]
	if call == nil {
		return hit{}, false
	}
	where := fmt.Sprintf("%s:%d module.%s.%s", call.Pos.File, call.Pos.Line, name, output)
	if child := x.child(m, call); child != nil {
		if o := child.outputs[output]; o != nil {
			if h, ok := x.resolveExpr(child, exprOf(o.Attr("value"))); ok {
				return h.prepend(where), true
			}
		}
		return hit{}, false
	}
	if remoteModuleDefaultOutput(constString(call.Attr("source")), output) {
		return hit{target: m.dir + "#module." + name, via: []string{where}}, true
	}
	return hit{}, false
}

// moduleDefaultOutputs is the table of registry modules (not fetched) whose
// outputs are a VPC's default security group, matched on the source. It is
// documented in docs/SCAN.md; add a row there and here.
var moduleDefaultOutputs = []struct {
	source  string
	outputs []string
}{
	{"terraform-aws-modules/vpc", []string{"default_security_group_id", "default_vpc_default_security_group_id"}},
	{"cloudposse/vpc", []string{"vpc_default_security_group_id"}},
	{"cloudposse/terraform-aws-vpc", []string{"vpc_default_security_group_id"}},
}

// genericDefaultOutputs are trusted on any module outside the tree: they
// are the names both table modules and most hand-written VPC modules use.
var genericDefaultOutputs = []string{"default_security_group_id", "vpc_default_security_group_id"}

func remoteModuleDefaultOutput(source, output string) bool {
	for _, row := range moduleDefaultOutputs {
		if strings.Contains(source, row.source) && slices.Contains(row.outputs, output) {
			return true
		}
	}
	return slices.Contains(genericDefaultOutputs, output)
}

// importedDefault: AWS reserves the group name "default" (CreateSecurityGroup
// fails with InvalidGroup.Reserved), so an aws_security_group named
// "default" can only be a VPC's default group brought under Terraform by
// import or Terraformer.
func (x *tfIndex) importedDefault(m *tfModule, b *model.Block) bool {
	return b.Type == "resource" && b.Label(0) == "aws_security_group" && x.isConstString(m, exprOf(b.Attr("name")), "default")
}

// looksUpDefault: data "aws_security_group(s)" selecting by name "default".
func (x *tfIndex) looksUpDefault(m *tfModule, b *model.Block) bool {
	if b.Type != "data" || (b.Label(0) != "aws_security_group" && b.Label(0) != "aws_security_groups") {
		return false
	}
	if x.isConstString(m, exprOf(b.Attr("name")), "default") {
		return true
	}
	for _, f := range b.BlocksOf("filter") {
		if constString(f.Attr("name")) == "group-name" && x.hasConstString(m, exprOf(f.Attr("values")), "default") {
			return true
		}
	}
	if a := b.Attr("filter"); a != nil && a.Expr.Known { // JSON or attribute syntax
		if items, ok := a.Expr.Value.([]any); ok {
			for _, it := range items {
				if f, ok := it.(map[string]any); ok && f["name"] == "group-name" && slices.Contains(anyStrings(f["values"]), "default") {
					return true
				}
			}
		}
	}
	return false
}

// isConstString: every value e can take is the string want.
func (x *tfIndex) isConstString(m *tfModule, e *model.Expr, want string) bool {
	vals, known := x.constValues(m, e, 0)
	if !known || len(vals) == 0 {
		return false
	}
	for _, v := range vals {
		if s, ok := v.(string); !ok || s != want {
			return false
		}
	}
	return true
}

// hasConstString: a value e can take is a list holding want.
func (x *tfIndex) hasConstString(m *tfModule, e *model.Expr, want string) bool {
	vals, _ := x.constValues(m, e, 0)
	for _, v := range vals {
		if slices.Contains(anyStrings(v), want) {
			return true
		}
	}
	return false
}

func anyStrings(v any) []string {
	items, _ := v.([]any)
	var out []string
	for _, it := range items {
		if s, ok := it.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
