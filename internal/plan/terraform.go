package plan

import (
	"fmt"
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// WriteTerraform renders the replacement groups as Terraform: a provider
// alias per region, an aws_security_group per replacement and one
// aws_vpc_security_group_{ingress,egress}_rule per rule (a self rule
// references the new group). Terraform removes the allow-all egress AWS adds
// to a new group, so the group ends with exactly these rules.
func WriteTerraform(w io.Writer, p *Plan) error {
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	for _, key := range regionKeys(p) {
		alias := tfName(key.region)
		prov := body.AppendNewBlock("provider", []string{"aws"}).Body()
		prov.SetAttributeValue("alias", cty.StringVal(alias))
		prov.SetAttributeValue("region", cty.StringVal(key.region))
		prov.AppendUnstructuredTokens(hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte(fmt.Sprintf("# credentials for account %s\n", key.account))}})
		body.AppendNewline()
	}
	for _, r := range p.Replacements {
		if r.ExistingID != "" {
			continue // an existing replacement is not declared again
		}
		name := tfName(r.Name + "_" + r.Region)
		provider := hcl.Traversal{hcl.TraverseRoot{Name: "aws"}, hcl.TraverseAttr{Name: tfName(r.Region)}}
		sg := body.AppendNewBlock("resource", []string{"aws_security_group", name}).Body()
		sg.SetAttributeTraversal("provider", provider)
		sg.SetAttributeValue("name", cty.StringVal(r.Name))
		sg.SetAttributeValue("description", cty.StringVal(r.Description))
		sg.SetAttributeValue("vpc_id", cty.StringVal(r.VpcID))
		tags := map[string]cty.Value{}
		for k, v := range r.Tags {
			tags[k] = cty.StringVal(v)
		}
		sg.SetAttributeValue("tags", cty.MapVal(tags))
		body.AppendNewline()
		self := hcl.Traversal{hcl.TraverseRoot{Name: "aws_security_group"}, hcl.TraverseAttr{Name: name}, hcl.TraverseAttr{Name: "id"}}
		for i, rule := range r.Rules {
			typ := "aws_vpc_security_group_ingress_rule"
			if rule.Egress {
				typ = "aws_vpc_security_group_egress_rule"
			}
			rb := body.AppendNewBlock("resource", []string{typ, fmt.Sprintf("%s_%d", name, i+1)}).Body()
			rb.SetAttributeTraversal("provider", provider)
			rb.SetAttributeTraversal("security_group_id", self)
			rb.SetAttributeValue("ip_protocol", cty.StringVal(rule.Protocol))
			if rule.Protocol != "-1" {
				rb.SetAttributeValue("from_port", cty.NumberIntVal(int64(rule.FromPort)))
				rb.SetAttributeValue("to_port", cty.NumberIntVal(int64(rule.ToPort)))
			}
			switch {
			case rule.Self:
				rb.SetAttributeTraversal("referenced_security_group_id", self)
			case rule.CidrIPv4 != "":
				rb.SetAttributeValue("cidr_ipv4", cty.StringVal(rule.CidrIPv4))
			case rule.CidrIPv6 != "":
				rb.SetAttributeValue("cidr_ipv6", cty.StringVal(rule.CidrIPv6))
			case rule.PrefixList != "":
				rb.SetAttributeValue("prefix_list_id", cty.StringVal(rule.PrefixList))
			case rule.Group != nil:
				ref := rule.Group.GroupID
				if rule.Group.UserID != "" && rule.Group.UserID != r.Account {
					ref = rule.Group.UserID + "/" + ref
				}
				rb.SetAttributeValue("referenced_security_group_id", cty.StringVal(ref))
			}
			if rule.Description != "" {
				rb.SetAttributeValue("description", cty.StringVal(rule.Description))
			}
			body.AppendNewline()
		}
	}
	// The lockdown: a VPC's default group managed with no rule blocks, so
	// Terraform removes every rule it has, and a recreated VPC is born
	// closed. Apply it only once the group's users are on the replacement.
	for _, r := range p.Replacements {
		body.AppendUnstructuredTokens(hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte(fmt.Sprintf(
			"# Lockdown of %s's default group %s (EC2.2): no ingress or egress block, so Terraform removes\n# every rule. Apply it after the users have moved to the replacement.\n", r.VpcID, r.DefaultGroupID))}})
		lock := body.AppendNewBlock("resource", []string{"aws_default_security_group", tfName(r.VpcID + "_lockdown")}).Body()
		lock.SetAttributeTraversal("provider", hcl.Traversal{hcl.TraverseRoot{Name: "aws"}, hcl.TraverseAttr{Name: tfName(r.Region)}})
		lock.SetAttributeValue("vpc_id", cty.StringVal(r.VpcID))
		body.AppendNewline()
	}
	_, err := w.Write(hclwrite.Format(f.Bytes()))
	return err
}

// tfName turns a name into a Terraform identifier.
func tfName(s string) string {
	s = strings.ToLower(nonAlnum.ReplaceAllString(s, "_"))
	s = strings.Trim(s, "_")
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		s = "g_" + s
	}
	return s
}
