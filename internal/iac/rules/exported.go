package rules

import (
	"fmt"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// checkExported (DSG004) reports CloudFormation outputs (exported or not: a
// parent stack reads a nested stack's output with GetAtt Stack.Outputs.X,
// and any tool can read a stack's outputs) and Terraform root module outputs
// that carry a default group id. Outputs of child Terraform modules are not
// reported: their consumers in the tree are followed and reported where
// they use the id.
func checkExported(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, t := range w.Templates {
		for _, o := range t.Outputs {
			h, ok := w.cfn.resolve(t, o.Value)
			if !ok {
				continue
			}
			msg := fmt.Sprintf("output %s exposes the default security group of %s (not exported: parent stacks and stack readers get it)", o.Name, h.target)
			if o.Export != nil {
				name, _ := exportPattern(o.Export)
				msg = fmt.Sprintf("output %s exports the default security group of %s as %q", o.Name, h.target, name)
			}
			out = append(out, r.at(o.Value.Pos, o.Pos, "Outputs."+o.Name, "Value", msg, h))
		}
	}
	for _, m := range w.tf.order {
		if len(m.callers) > 0 {
			continue
		}
		for _, name := range sortedKeys(m.outputs) {
			o := m.outputs[name]
			a := o.Attr("value")
			if h, ok := w.tf.resolveExpr(m, exprOf(a)); ok {
				out = append(out, r.at(a.Pos, o.Pos, "output."+name, "value",
					fmt.Sprintf("root output %s exposes the default security group of %s (remote state consumers)", name, h.target), h))
			}
		}
	}
	return append(out, sourceFindings(w, r, model.UseOutput)...)
}
