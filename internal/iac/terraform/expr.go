package terraform

import (
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// singleInterp matches a JSON-syntax string that is one interpolation, the
// JSON spelling of a bare reference.
var singleInterp = regexp.MustCompile(`^"\$\{[^{}]*\}"$`)

func (c *conv) expr(e hcl.Expression) *model.Expr {
	out := &model.Expr{Pos: c.pos(e.Range().Start)}
	vars := e.Variables()
	embedded := c.embeddedRanges(e)
	keyed := objectItems(e)
	for _, t := range vars {
		start := t.SourceRange().Start
		ref := model.Ref{Parts: traversalParts(t), Pos: c.pos(start)}
		for _, r := range embedded {
			ref.Embedded = ref.Embedded || (r.Start.Byte <= start.Byte && start.Byte < r.End.Byte)
		}
		for _, it := range keyed {
			if it.rng.Start.Byte <= start.Byte && start.Byte < it.rng.End.Byte {
				ref.Keys = append(ref.Keys, it.key)
			}
		}
		out.Refs = append(out.Refs, ref)
	}
	if len(vars) == 1 {
		out.Single = c.isSingle(e)
	}
	if len(vars) == 0 {
		// Function calls fail without an eval context; that is "unknown",
		// not an error worth reporting.
		if v, diags := e.Value(nil); !diags.HasErrors() {
			out.Value, out.Known = ctyToGo(v)
		}
	}
	return out
}

type keyedItem struct {
	key string
	rng hcl.Range
}

// objectItems lists the value ranges of every object constructor item with
// a constant key, outermost first (VisitAll visits parents first).
func objectItems(e hcl.Expression) []keyedItem {
	n, ok := e.(hclsyntax.Node)
	if !ok {
		return nil
	}
	var out []keyedItem
	_ = hclsyntax.VisitAll(n, func(n hclsyntax.Node) hcl.Diagnostics {
		o, ok := n.(*hclsyntax.ObjectConsExpr)
		if !ok {
			return nil
		}
		for _, it := range o.Items {
			key := hcl.ExprAsKeyword(it.KeyExpr)
			if key == "" {
				if v, diags := it.KeyExpr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
					key = v.AsString()
				}
			}
			if key != "" {
				out = append(out, keyedItem{key: key, rng: it.ValueExpr.Range()})
			}
		}
		return nil
	})
	return out
}

func (c *conv) isSingle(e hcl.Expression) bool {
	if w, ok := e.(*hclsyntax.TemplateWrapExpr); ok {
		e = w.Wrapped
	}
	if _, ok := e.(*hclsyntax.ScopeTraversalExpr); ok {
		return true
	}
	if _, ok := e.(*hclsyntax.RelativeTraversalExpr); ok {
		return false
	}
	r := e.Range()
	if r.Start.Byte < 0 || r.End.Byte > len(c.src) || r.Start.Byte > r.End.Byte {
		return false
	}
	return singleInterp.Match(c.src[r.Start.Byte:r.End.Byte])
}

// embeddedRanges returns the source ranges of interpolations that sit in a
// string with literal text around them.
func (c *conv) embeddedRanges(e hcl.Expression) []hcl.Range {
	var out []hcl.Range
	if n, ok := e.(hclsyntax.Node); ok {
		_ = hclsyntax.VisitAll(n, func(n hclsyntax.Node) hcl.Diagnostics {
			t, ok := n.(*hclsyntax.TemplateExpr)
			if !ok || !hasLiteralText(t) {
				return nil
			}
			for _, p := range t.Parts {
				if _, lit := p.(*hclsyntax.LiteralValueExpr); !lit {
					out = append(out, p.Range())
				}
			}
			return nil
		})
		return out
	}
	// JSON syntax: a string is a template; its interpolations are embedded
	// when text remains outside them.
	r := e.Range()
	if r.Start.Byte < 0 || r.End.Byte > len(c.src) || r.Start.Byte > r.End.Byte {
		return nil
	}
	src := string(c.src[r.Start.Byte:r.End.Byte])
	if strings.HasPrefix(src, `"`) && strings.Contains(src, "${") && strings.Trim(interp.ReplaceAllString(src, ""), `" `) != "" {
		out = append(out, r)
	}
	return out
}

var interp = regexp.MustCompile(`\$\{[^{}]*\}`)

func hasLiteralText(t *hclsyntax.TemplateExpr) bool {
	for _, p := range t.Parts {
		if l, ok := p.(*hclsyntax.LiteralValueExpr); ok && l.Val.Type() == cty.String && l.Val.IsKnown() && !l.Val.IsNull() && strings.TrimSpace(l.Val.AsString()) != "" {
			return true
		}
	}
	return false
}

func traversalParts(t hcl.Traversal) []string {
	var parts []string
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		}
	}
	return parts
}

// ctyToGo converts a wholly known value to plain Go values.
func ctyToGo(v cty.Value) (any, bool) {
	if !v.IsWhollyKnown() {
		return nil, false
	}
	if v.IsNull() {
		return nil, true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString(), true
	case ty == cty.Bool:
		return v.True(), true
	case ty == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return f, true
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := []any{}
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			g, ok := ctyToGo(ev)
			if !ok {
				return nil, false
			}
			out = append(out, g)
		}
		return out, true
	case ty.IsMapType() || ty.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			g, ok := ctyToGo(ev)
			if !ok {
				return nil, false
			}
			out[k.AsString()] = g
		}
		return out, true
	}
	return nil, false
}
