package rules

import (
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

const vpcType = "AWS::EC2::VPC"

// resolve reports whether v, a value of template t, evaluates to the id of
// a VPC's default security group. Unknown values (parameters without a
// resolvable caller, resources' own ids) are not a default group: the rules
// prefer a missed finding to a false one on look-alikes.
func (x *cfnIndex) resolve(t *model.Template, v *model.Value) (hit, bool) {
	if v == nil {
		return hit{}, false
	}
	if h, ok := x.memo[v]; ok {
		return derefHit(h)
	}
	if x.busy[v] {
		return hit{}, false
	}
	x.busy[v] = true
	h, ok := x.resolveUncached(t, v)
	delete(x.busy, v)
	if ok {
		x.memo[v] = &h
	} else {
		x.memo[v] = nil
	}
	return h, ok
}

func derefHit(h *hit) (hit, bool) {
	if h == nil {
		return hit{}, false
	}
	return *h, true
}

func (x *cfnIndex) resolveUncached(t *model.Template, v *model.Value) (hit, bool) {
	switch v.Kind {
	case model.List:
		for _, it := range v.Items {
			if h, ok := x.resolve(t, it); ok {
				return h, true
			}
		}
		return hit{}, false
	case model.Map:
	default:
		return hit{}, false
	}
	name, arg, ok := v.Intrinsic()
	if !ok {
		return hit{}, false
	}
	switch name {
	case "Fn::GetAtt":
		res, attr := getAttParts(arg)
		return x.getAtt(t, res, attr)
	case "Ref":
		if arg.Kind == model.Scalar {
			return x.param(t, arg.Str)
		}
	case "Fn::Sub":
		return x.sub(t, arg)
	case "Fn::ImportValue":
		return x.importValue(arg)
	case "Fn::Join":
		// An ARN or URL built around the id is not a group reference; a
		// comma-joined list of ids is.
		if arg.Kind == model.List && len(arg.Items) == 2 && listLike(arg.Items[0]) && listLike(arg.Items[1]) {
			return x.resolve(t, arg.Items[1])
		}
	case "Condition":
	default:
		// Fn::If, Fn::Select, Fn::Join, Fn::Split, ...: the default group
		// is in the result if it is in any argument.
		return x.resolve(t, arg)
	}
	return hit{}, false
}

// listLike: a Join separator or part list that adds no text but commas.
func listLike(v *model.Value) bool {
	switch v.Kind {
	case model.Scalar:
		return strings.Trim(v.Str, " ,") == ""
	case model.List:
		for _, it := range v.Items {
			if it.Kind == model.Scalar && !listLike(it) {
				return false
			}
		}
		return true
	}
	return true
}

func getAttParts(arg *model.Value) (string, string) {
	switch arg.Kind {
	case model.Scalar:
		res, attr, _ := strings.Cut(arg.Str, ".")
		return res, attr
	case model.List:
		if len(arg.Items) == 2 && arg.Items[0].Kind == model.Scalar && arg.Items[1].Kind == model.Scalar {
			return arg.Items[0].Str, arg.Items[1].Str
		}
	}
	return "", ""
}

func (x *cfnIndex) getAtt(t *model.Template, resID, attr string) (hit, bool) {
	r := t.Resource(resID)
	if r == nil {
		return hit{}, false
	}
	if attr == "DefaultSecurityGroup" && r.Type == vpcType {
		return hit{target: t.Path + "#" + resID, via: []string{fmt.Sprintf("%s:%d !GetAtt %s.DefaultSecurityGroup", t.Path, r.Pos.Line, resID)}}, true
	}
	outName, ok := strings.CutPrefix(attr, "Outputs.")
	if !ok {
		return hit{}, false
	}
	child := x.child(t, r)
	if child == nil {
		return hit{}, false
	}
	for i := range child.Outputs {
		o := &child.Outputs[i]
		if o.Name == outName {
			if h, ok := x.resolve(child, o.Value); ok {
				return h.prepend(fmt.Sprintf("%s:%d !GetAtt %s.Outputs.%s", child.Path, o.Pos.Line, resID, outName)), true
			}
		}
	}
	return hit{}, false
}

// param resolves a template parameter through every parent stack that
// passes it in.
func (x *cfnIndex) param(t *model.Template, name string) (hit, bool) {
	if t.Parameters.Get(name) == nil {
		return hit{}, false
	}
	for _, c := range x.callers[t] {
		pv := c.res.Properties.Get("Parameters").Get(name)
		if h, ok := x.resolve(c.parent, pv); ok {
			return h.prepend(fmt.Sprintf("%s:%d parameter %s from %s", c.parent.Path, pv.Pos.Line, name, c.res.ID)), true
		}
	}
	return hit{}, false
}

func (x *cfnIndex) sub(t *model.Template, arg *model.Value) (hit, bool) {
	str, vars := arg, (*model.Value)(nil)
	if arg.Kind == model.List && len(arg.Items) > 0 {
		str = arg.Items[0]
		if len(arg.Items) > 1 {
			vars = arg.Items[1]
		}
	}
	if str.Kind != model.Scalar || strings.Trim(subVar.ReplaceAllString(str.Str, ""), " ,") != "" {
		return hit{}, false
	}
	for _, m := range subVar.FindAllStringSubmatch(str.Str, -1) {
		ref := m[1]
		if vv := vars.Get(ref); vv != nil {
			if h, ok := x.resolve(t, vv); ok {
				return h, true
			}
			continue
		}
		if res, attr, dotted := strings.Cut(ref, "."); dotted {
			if h, ok := x.getAtt(t, res, attr); ok {
				return h, true
			}
		} else if h, ok := x.param(t, ref); ok {
			return h, true
		}
	}
	return hit{}, false
}

func (x *cfnIndex) importValue(arg *model.Value) (hit, bool) {
	p, ok := exportPattern(arg)
	if !ok {
		return hit{}, false
	}
	for _, e := range x.exports {
		if !patternsMatch(p, e.pattern) {
			continue
		}
		if h, ok := x.resolve(e.t, e.out.Value); ok {
			return h.prepend(fmt.Sprintf("%s:%d !ImportValue %s (Outputs.%s)", e.t.Path, e.out.Pos.Line, p, e.out.Name)), true
		}
	}
	return hit{}, false
}

// walk calls fn for every place under v (property path path) that resolves
// to a default group, without reporting the same spot twice through the
// intrinsic that contains it.
func (x *cfnIndex) walk(t *model.Template, v *model.Value, path string, fn func(path string, v *model.Value, h hit)) {
	if v == nil {
		return
	}
	if _, _, ok := v.Intrinsic(); ok {
		if h, ok := x.resolve(t, v); ok {
			fn(path, v, h)
		}
		return
	}
	switch v.Kind {
	case model.List:
		for i, it := range v.Items {
			x.walk(t, it, model.PathIndex(path, i), fn)
		}
	case model.Map:
		for _, e := range v.Entries {
			x.walk(t, e.Value, model.PathKey(path, e.Key), fn)
		}
	}
}
