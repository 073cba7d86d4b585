package rules

import "github.com/defaultsg/defaultsg/internal/iac/model"

func exprOf(a *model.Attr) *model.Expr {
	if a == nil {
		return nil
	}
	return a.Expr
}

// constValues returns the values e can take when they are constants: its
// own value, or, for a bare var./local. reference, the variable's default
// and every scanned caller's input. known is false when any of them is not
// a constant (a caller passes an expression, a function call, ...).
func (x *tfIndex) constValues(m *tfModule, e *model.Expr, depth int) (vals []any, known bool) {
	if e == nil {
		return nil, true
	}
	if e.Known {
		return []any{e.Value}, true
	}
	if !e.Single || depth > 16 {
		return nil, false
	}
	p := e.Refs[0].Parts
	switch {
	case len(p) == 2 && p[0] == "local":
		if a := m.locals[p[1]]; a != nil {
			return x.constValues(m, a.Expr, depth+1)
		}
	case len(p) == 2 && p[0] == "var":
		v := m.variables[p[1]]
		if v == nil {
			return nil, false
		}
		known = true
		passedByAll := len(m.callers) > 0
		for _, c := range m.callers {
			a := c.call.Attr(p[1])
			if a == nil {
				passedByAll = false
				continue
			}
			cv, ok := x.constValues(c.parent, a.Expr, depth+1)
			vals, known = append(vals, cv...), known && ok
		}
		if !passedByAll {
			d := v.Attr("default")
			if d == nil {
				return vals, false
			}
			dv, ok := x.constValues(m, d.Expr, depth+1)
			vals, known = append(vals, dv...), known && ok
		}
		return vals, known
	}
	return nil, false
}

// nonEmpty reports whether a constant is a non-empty list, set or map.
func nonEmpty(v any) bool {
	switch t := v.(type) {
	case []any:
		return len(t) > 0
	case map[string]any:
		return len(t) > 0
	}
	return false
}

// mayHaveItems: an attribute whose constant values include a non-empty
// collection, or whose value is unknown, may add rules.
func (x *tfIndex) mayHaveItems(m *tfModule, e *model.Expr) bool {
	vals, known := x.constValues(m, e, 0)
	if !known {
		return true
	}
	for _, v := range vals {
		if nonEmpty(v) {
			return true
		}
	}
	return false
}

// isConst reports whether every value e can take is the constant want.
func (x *tfIndex) isConst(m *tfModule, e *model.Expr, want bool) bool {
	vals, known := x.constValues(m, e, 0)
	if !known || len(vals) == 0 {
		return false
	}
	for _, v := range vals {
		if b, ok := v.(bool); !ok || b != want {
			return false
		}
	}
	return true
}
