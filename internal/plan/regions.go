package plan

import "sort"

type regionKey struct{ account, region string }

// regionKeys lists the account-regions of the plan's replacements in order:
// templates and providers are per account-region.
func regionKeys(p *Plan) []regionKey {
	seen := map[regionKey]bool{}
	var out []regionKey
	for _, r := range p.Replacements {
		k := regionKey{r.Account, r.Region}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].account != out[j].account {
			return out[i].account < out[j].account
		}
		return out[i].region < out[j].region
	})
	return out
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
