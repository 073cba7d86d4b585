package rules

import (
	"fmt"
	"strings"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// checkReferenced (DSG010, info) reports IAM policy statements whose
// Resource ARN is built from a default group (Fn::Join or Fn::Sub over
// GetAtt Vpc.DefaultSecurityGroup; Terraform interpolation), and CDK
// template strings that embed it. CDK's own lockdown provider role, which
// must name the group to revoke its rules, is left out.
func checkReferenced(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, t := range w.Templates {
		for _, res := range t.Resources {
			if strings.HasPrefix(res.ID, "CustomVpcRestrictDefaultSG") {
				continue
			}
			w.cfn.statements(res.Properties, "", func(path string, v *model.Value) {
				if h, ok := w.cfn.mentions(t, v); ok {
					out = append(out, r.at(v.Pos, res.Pos, res.ID, path,
						fmt.Sprintf("%s %s grants on an ARN built from the default security group of %s", res.Type, res.ID, h.target), h))
				}
			})
		}
	}
	for _, m := range w.tf.order {
		for _, b := range m.blocks {
			out = append(out, w.tfReferenced(m, b, r)...)
		}
	}
	return append(out, sourceFindings(w, r, model.UseEmbedded)...)
}

// statements calls fn for every Resource/NotResource of a policy
// statement under v (PolicyDocument, Policies[].PolicyDocument, SAM
// Policies, inline JSON documents alike).
func (x *cfnIndex) statements(v *model.Value, path string, fn func(path string, v *model.Value)) {
	if v == nil {
		return
	}
	switch v.Kind {
	case model.List:
		for i, it := range v.Items {
			x.statements(it, model.PathIndex(path, i), fn)
		}
	case model.Map:
		for _, e := range v.Entries {
			p := model.PathKey(path, e.Key)
			if e.Key == "Statement" {
				stmts := e.Value.Items
				if e.Value.Kind == model.Map {
					stmts = []*model.Value{e.Value}
				}
				for i, st := range stmts {
					for _, k := range []string{"Resource", "NotResource"} {
						if rv := st.Get(k); rv != nil {
							fn(model.PathKey(model.PathIndex(p, i), k), rv)
						}
					}
				}
				continue
			}
			x.statements(e.Value, p, fn)
		}
	}
}

// mentions is resolve that also accepts the id built into a longer string.
func (x *cfnIndex) mentions(t *model.Template, v *model.Value) (hit, bool) {
	if h, ok := x.resolve(t, v); ok {
		return h, true
	}
	if v == nil {
		return hit{}, false
	}
	if v.Kind == model.List {
		for _, it := range v.Items {
			if h, ok := x.mentions(t, it); ok {
				return h, true
			}
		}
		return hit{}, false
	}
	name, arg, ok := v.Intrinsic()
	if !ok {
		return hit{}, false
	}
	switch name {
	case "Fn::Sub":
		str, vars := arg, (*model.Value)(nil)
		if arg.Kind == model.List && len(arg.Items) > 0 {
			str = arg.Items[0]
			if len(arg.Items) > 1 {
				vars = arg.Items[1]
			}
		}
		if str.Kind != model.Scalar {
			return hit{}, false
		}
		for _, m := range subVar.FindAllStringSubmatch(str.Str, -1) {
			ref := m[1]
			if vv := vars.Get(ref); vv != nil {
				if h, ok := x.mentions(t, vv); ok {
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
	case "Fn::Join":
		if arg.Kind == model.List && len(arg.Items) == 2 {
			return x.mentions(t, arg.Items[1])
		}
	case "Fn::If", "Fn::Select":
		return x.mentions(t, arg)
	}
	return hit{}, false
}

// tfReferenced finds default-group ids interpolated into IAM policies:
// statement resources of data "aws_iam_policy_document" and the policy
// attribute (jsonencode or heredoc) of the policy resources.
func (w *Workspace) tfReferenced(m *tfModule, b *model.Block, r *Rule) []model.Finding {
	var attrs []*model.Attr
	var paths []string
	switch {
	case b.Type == "data" && b.Label(0) == "aws_iam_policy_document":
		for i, st := range b.BlocksOf("statement") {
			for _, k := range []string{"resources", "not_resources"} {
				if a := st.Attr(k); a != nil {
					attrs, paths = append(attrs, a), append(paths, model.PathKey(model.PathIndex("statement", i), k))
				}
			}
		}
	case b.Type == "resource" && strings.HasPrefix(b.Label(0), "aws_iam_") && strings.HasSuffix(b.Label(0), "policy"):
		if a := b.Attr("policy"); a != nil {
			attrs, paths = append(attrs, a), append(paths, "policy")
		}
	}
	var out []model.Finding
	for i, a := range attrs {
		for _, ref := range a.Expr.Refs {
			if h, ok := w.tf.resolveRef(m, ref.Parts); ok {
				out = append(out, r.at(ref.Pos, b.Pos, tfAddr(b), paths[i],
					fmt.Sprintf("%s grants on an ARN built from the default security group of %s", tfAddr(b), h.target), h))
				break
			}
		}
	}
	return out
}
