package sim

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// orgModel is the organization as Organizations reports it. It is built
// once from the scenario and never changes, so handlers read it unlocked.
type orgModel struct {
	id, rootID, mgmt string
	accounts         map[string]orgAccount
	ous              map[string]orgOU
	accountsOf       map[string][]string // parent id -> account ids, sorted
	ousOf            map[string][]string // parent id -> OU ids, sorted
}

type orgAccount struct {
	id, name, state string // state: ACTIVE or SUSPENDED
}

type orgOU struct{ id, name string }

// Organizations id shapes: o-<10>, r-<4>, ou-<root suffix>-<8>; all
// derived from the management account so they are stable.
func orgIDPart(seed string, n int) string {
	sum := sha256.Sum256([]byte(seed))
	h := hex.EncodeToString(sum[:])
	return h[:n]
}

func newOrgModel(sc *Scenario) *orgModel {
	spec := sc.Organization
	if spec == nil {
		spec = &OrgSpec{}
	}
	m := &orgModel{mgmt: spec.ManagementAccount, id: spec.ID,
		accounts: map[string]orgAccount{}, ous: map[string]orgOU{},
		accountsOf: map[string][]string{}, ousOf: map[string][]string{}}
	if m.mgmt == "" {
		m.mgmt = sc.AccountSpecs[0].ID
	}
	if m.id == "" {
		m.id = "o-" + orgIDPart("org/"+m.mgmt, 10)
	}
	suffix := orgIDPart("root/"+m.mgmt, 4)
	m.rootID = "r-" + suffix
	ouID := map[string]string{} // name or id -> id
	for _, ou := range spec.OUs {
		id := ou.ID
		if id == "" {
			id = "ou-" + suffix + "-" + orgIDPart("ou/"+m.mgmt+"/"+ou.Name, 8)
		}
		ouID[ou.Name], ouID[id] = id, id
		m.ous[id] = orgOU{id: id, name: ou.Name}
	}
	parentOf := map[string]string{} // account id -> parent id
	for _, ou := range spec.OUs {
		id := ouID[ou.Name]
		parent := m.rootID
		if ou.Parent != "" {
			parent = ouID[ou.Parent]
		}
		m.ousOf[parent] = append(m.ousOf[parent], id)
		for _, a := range ou.Accounts {
			parentOf[a] = id
		}
	}
	for _, a := range sc.AccountSpecs {
		state := "ACTIVE"
		if slices.Contains(spec.Suspended, a.ID) {
			state = "SUSPENDED"
		}
		name := a.Name
		if name == "" {
			name = "account-" + a.ID
		}
		m.accounts[a.ID] = orgAccount{id: a.ID, name: name, state: state}
		parent := parentOf[a.ID]
		if parent == "" {
			parent = m.rootID
		}
		m.accountsOf[parent] = append(m.accountsOf[parent], a.ID)
	}
	for _, l := range m.accountsOf {
		slices.Sort(l)
	}
	for _, l := range m.ousOf {
		slices.Sort(l)
	}
	return m
}

func (m *orgModel) arn(kind, id string) string {
	switch kind {
	case "account":
		return "arn:aws:organizations::" + m.mgmt + ":account/" + m.id + "/" + id
	case "root":
		return "arn:aws:organizations::" + m.mgmt + ":root/" + m.id + "/" + id
	case "ou":
		return "arn:aws:organizations::" + m.mgmt + ":ou/" + m.id + "/" + id
	}
	return "arn:aws:organizations::" + m.mgmt + ":organization/" + m.id
}

// isParent reports whether id is the root or an OU.
func (m *orgModel) isParent(id string) bool {
	_, ou := m.ous[id]
	return id == m.rootID || ou
}

func (m *orgModel) sortedAccountIDs() []string {
	ids := make([]string, 0, len(m.accounts))
	for id := range m.accounts {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, strings.Compare)
	return ids
}
