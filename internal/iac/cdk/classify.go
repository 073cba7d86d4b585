package cdk

import (
	"strings"
	"unicode"

	"github.com/defaultsg/defaultsg/internal/iac/model"
)

// classify looks outward from the use. It returns the kind and the key or
// call that decided it, or the token index of the variable it is assigned
// to (target > 0).
func (a *analyzer) classify(s, e int) (kind model.UseKind, where string, target int, ok bool) {
	if m := a.methodAfter(e); m != "" && ruleAdder(m) {
		return model.UseRules, m, 0, true
	}
	for p := a.parent[s]; ; p = a.parent[p] {
		sep, key := a.keyBefore(p, s)
		if sep >= 0 {
			isAssign := (a.ts[sep].is("=") || a.ts[sep].is(":=")) && (p < 0 || a.ts[p].is("{") && !a.isLiteral(p))
			if isAssign {
				if t := a.assignTarget(sep); t > 0 {
					return 0, "", t, false
				}
				return 0, "", 0, false
			}
			if k, ok := a.classifyKey(key, p); ok {
				return k, key, 0, true
			}
		}
		if p < 0 || a.ts[p].is("{") && !a.isLiteral(p) {
			return 0, "", 0, false // a statement of its own: return, argument of an unknown chain
		}
		if a.ts[p].is("(") && p > 0 && a.ts[p-1].kind == tIdent {
			name := a.ts[p-1].text
			chain := a.chain(p - 1)
			switch {
			case hasCfnOutput(chain):
				return model.UseOutput, "CfnOutput", 0, true
			case peerCall(name):
				return model.UsePeer, name, 0, true
			case groupsKeys[norm(name)]:
				return model.UseAttached, name, 0, true
			case norm(name) == "groupid" && ruleResource(chain):
				return model.UseRules, name, 0, true
			case peerKeys[norm(name)]:
				return model.UsePeer, name, 0, true
			case wrapper(name):
				if m := a.methodAfter(a.match[p]); m != "" && ruleAdder(m) {
					return model.UseRules, m, 0, true
				}
			}
		}
		s = p
	}
}

// classifyKey decides by a property key or named argument.
func (a *analyzer) classifyKey(key string, p int) (model.UseKind, bool) {
	n := norm(key)
	switch {
	case groupsKeys[n]:
		return model.UseAttached, true
	case peerKeys[n]:
		return model.UsePeer, true
	case n == "groupid" || n == "securitygroupid":
		// CfnSecurityGroupIngress/Egress props: the group the rule is on.
		for q := p; q >= 0; q = a.parent[q] {
			if a.ts[q].is("(") && q > 0 && ruleResource(a.chain(q-1)) {
				return model.UseRules, true
			}
		}
	}
	return 0, false
}

func hasCfnOutput(chain []string) bool {
	for _, c := range chain {
		if strings.Contains(c, "CfnOutput") {
			return true
		}
	}
	return false
}

func ruleResource(chain []string) bool {
	for _, c := range chain {
		if strings.Contains(c, "SecurityGroupIngress") || strings.Contains(c, "SecurityGroupEgress") {
			return true
		}
	}
	return false
}

// chain returns the identifiers of the call chain ending at name token i,
// innermost last: CfnOutput.Builder.create(...).value -> [value create
// Builder CfnOutput]; `new ec2.CfnSecurityGroupIngress` -> [CfnSecurityGroupIngress ec2].
func (a *analyzer) chain(i int) []string {
	var out []string
	for i >= 0 {
		if a.ts[i].kind == tIdent {
			out = append(out, a.ts[i].text)
		} else if (a.ts[i].is(")") || a.ts[i].is("]")) && a.match[i] >= 0 {
			i = a.match[i] - 1
			continue
		} else {
			break
		}
		if i > 0 && (a.ts[i-1].is(".") || a.ts[i-1].is("?.") || a.ts[i-1].is("::")) {
			i -= 2
			continue
		}
		break
	}
	return out
}

// keyBefore scans back from s to the start of the element it is in, within
// the bracket p (-1: top level), for "key:" or "key =" (also "name :=").
// It returns the index of the separator and the key, or -1.
func (a *analyzer) keyBefore(p, s int) (int, string) {
	block := p < 0 || a.ts[p].is("{") && !a.isLiteral(p)
	for k := s - 1; k > p; k-- {
		t := a.ts[k]
		if (t.is(")") || t.is("]") || t.is("}")) && a.match[k] >= 0 && a.match[k] > p {
			k = a.match[k]
			continue
		}
		if t.is(",") || t.is(";") || t.is("=>") || block && a.boundaryAfter(k) {
			return -1, ""
		}
		if (t.is(":") || t.is("=") || t.is(":=")) && k > 0 && a.ts[k-1].kind == tIdent {
			if t.is(":") && block {
				continue // a type annotation or label
			}
			return k, a.ts[k-1].text
		}
	}
	return -1, ""
}

// boundaryAfter reports a statement end between tokens k and k+1 in code
// without semicolons (TypeScript, Python, Go): a line break where the line
// does not go on.
func (a *analyzer) boundaryAfter(k int) bool {
	if k+1 >= len(a.ts) || a.ts[k+1].line == a.ts[k].line {
		return false
	}
	next, t := a.ts[k+1], a.ts[k]
	if next.is(".") || next.is("?.") {
		return false
	}
	if t.kind == tPunct {
		switch t.text {
		case ")", "]", "}", "!":
			return true
		}
		return false
	}
	return true
}

// assignTarget returns the variable token of the assignment whose "=" is
// at eq: the name before a type annotation (const sg: ISecurityGroup =),
// else the name right before "=" (sg =, ISecurityGroup sg =, sg :=).
func (a *analyzer) assignTarget(eq int) int {
	colon := -1
	for k := eq - 1; k >= 0; k-- {
		t := a.ts[k]
		if (t.is(")") || t.is("]") || t.is(">")) && a.match[k] >= 0 {
			k = a.match[k]
			continue
		}
		if t.is(";") || t.is("{") || t.is("}") || a.boundaryAfter(k) {
			break
		}
		if t.is(":") {
			colon = k
		}
	}
	if colon > 0 && a.ts[colon-1].kind == tIdent && (a.lang == langTS || a.lang == langPython) {
		return colon - 1
	}
	if eq > 0 && a.ts[eq-1].kind == tIdent {
		return eq - 1
	}
	return -1
}

// isLiteral tells an object, dictionary, composite or initializer literal
// "{" (whose entries have keys) from a code block.
func (a *analyzer) isLiteral(p int) bool {
	if a.lang == langPython {
		return true
	}
	if p == 0 {
		return false
	}
	prev := a.ts[p-1]
	if prev.kind == tPunct {
		switch prev.text {
		case "(", ",", ":", "=", "[", "?", "||", "??", "&&", ":=", "]", "&":
			return true
		}
		if prev.text != ">" {
			return false
		}
	}
	if prev.is("return") {
		return true
	}
	// new T { ... } (C#), new T[] { ... }; Go composite literals T{...}.
	k := p - 1
	for k > 0 && (a.ts[k].kind == tIdent || a.ts[k].is(".") || a.ts[k].is("*") || a.ts[k].is("<") || a.ts[k].is(">")) {
		if a.ts[k].is("new") {
			return true
		}
		k--
	}
	if a.ts[k].is("new") {
		return true
	}
	if a.lang == langGo && prev.kind == tIdent {
		// A composite literal's type follows an operand position
		// (x := T{, &T{, f(T{, return T{); a block follows a function
		// result type, a condition, or a keyword.
		k := p - 1
		for k > 0 && (a.ts[k].kind == tIdent && !goKeyword(a.ts[k].text) || a.ts[k].is(".") || a.ts[k].is("*") ||
			a.ts[k].is("[") || a.ts[k].is("]")) {
			k--
		}
		switch b := a.ts[k]; {
		case b.is(":=") || b.is("=") || b.is("&") || b.is("(") || b.is(",") || b.is("{") || b.is(":") || b.is("return"):
			r := []rune(prev.text)[0]
			return unicode.IsUpper(r) || prev.text == "string" || prev.text == "any"
		}
	}
	return false
}

func goKeyword(s string) bool {
	switch s {
	case "func", "if", "for", "switch", "select", "else", "range", "go", "defer", "return", "struct", "interface", "type", "case":
		return true
	}
	return false
}
