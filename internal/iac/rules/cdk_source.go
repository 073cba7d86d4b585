package rules

import (
	"fmt"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// sourceFindings turns the CDK app source uses of one kind into findings
// of rule r; the cdk package has already decided what each use is.
func sourceFindings(w *Workspace, r *Rule, kinds ...model.UseKind) []model.Finding {
	var out []model.Finding
	for _, f := range w.Sources {
		for _, u := range f.Uses {
			for _, k := range kinds {
				if u.Kind != k {
					continue
				}
				h := hit{target: f.Path + "#" + u.VPC, via: u.Via}
				if k == model.UseLockdownOff {
					h = hit{target: f.Path}
				}
				out = append(out, r.at(u.Pos, u.Pos, u.Expr, u.Where, sourceMessage(f, u), h))
			}
		}
	}
	return out
}

func sourceMessage(f *model.SourceFile, u model.SourceUse) string {
	switch u.Kind {
	case model.UseAttached:
		return fmt.Sprintf("CDK app puts the default security group of %s into %s", u.VPC, u.Where)
	case model.UseRules:
		return fmt.Sprintf("CDK app adds rules to the default security group of %s (%s)", u.VPC, u.Where)
	case model.UsePeer:
		return fmt.Sprintf("CDK app uses the default security group of %s as a rule peer (%s)", u.VPC, u.Where)
	case model.UseOutput:
		return fmt.Sprintf("CDK app outputs the default security group of %s (CfnOutput)", u.VPC)
	case model.UseLockdownOff:
		if u.Where == "feature flag" {
			return "cdk.json switches the restrictDefaultSecurityGroup feature flag off: every Vpc that does not set restrictDefaultSecurityGroup: true keeps AWS's allow rules on its default group"
		}
		return "CDK Vpc is created with restrictDefaultSecurityGroup switched off; its default group keeps AWS's allow rules"
	}
	if u.Where != "" {
		return fmt.Sprintf("CDK app takes the default security group of %s into %s", u.VPC, u.Where)
	}
	return fmt.Sprintf("CDK app takes the default security group of %s", u.VPC)
}
