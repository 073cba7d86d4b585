package rules

import (
	"fmt"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// checkExported (DSG004) reports CloudFormation exports and Terraform root
// module outputs that carry a default group id to other stacks. Outputs of
// child modules and nested stacks are not reported: their consumers in the
// tree are followed and reported where they use the id.
func checkExported(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, t := range w.Templates {
		for _, o := range t.Outputs {
			if o.Export == nil {
				continue
			}
			if h, ok := w.cfn.resolve(t, o.Value); ok {
				name, _ := exportPattern(o.Export)
				out = append(out, r.at(o.Value.Pos, o.Pos, "Outputs."+o.Name, "Value",
					fmt.Sprintf("output %s exports the default security group of %s as %q", o.Name, h.target, name), h))
			}
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
