package rules

import (
	"fmt"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// checkLookup (DSG009) reports, at the lookup itself, Terraform data
// sources that select a default group by name: the lookup's users may be
// in modules outside the scanned tree, so it is a finding whatever its
// label and whether or not anything in the tree reads it.
func checkLookup(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, m := range w.tf.order {
		for _, b := range m.blocks {
			if !w.tf.looksUpDefault(m, b) {
				continue
			}
			addr := tfAddr(b)
			out = append(out, r.at(b.Pos, b.Pos, addr, "",
				fmt.Sprintf("%s looks up a VPC's default security group (name \"default\")", addr),
				hit{target: m.dir + "#" + addr}))
		}
	}
	return out
}

// checkReservedName (DSG011): CreateSecurityGroup rejects the name
// "default", so such a template fails to deploy.
func checkReservedName(w *Workspace, r *Rule) []model.Finding {
	var out []model.Finding
	for _, t := range w.Templates {
		for _, res := range t.Resources {
			if res.Type != "AWS::EC2::SecurityGroup" {
				continue
			}
			if gn := res.Properties.Get("GroupName"); gn != nil && gn.Kind == model.Scalar && gn.Str == "default" {
				out = append(out, r.at(gn.Pos, res.Pos, res.ID, "GroupName",
					fmt.Sprintf("AWS::EC2::SecurityGroup %s is named \"default\", a name AWS reserves (InvalidGroup.Reserved): the stack cannot deploy", res.ID),
					hit{}))
			}
		}
	}
	return out
}
