package sim

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// orgOps is AWS Organizations (JSON 1.1, target prefix
// AWSOrganizationsV20161128): the read actions a multi-account tool needs.
var orgOps = map[string]op{
	"DescribeOrganization":             describeOrganization,
	"ListRoots":                        listRoots,
	"ListAccounts":                     listAccounts,
	"ListAccountsForParent":            listAccountsForParent,
	"ListOrganizationalUnitsForParent": listOUsForParent,
}

// orgJoined is every account's JoinedTimestamp (2020-01-01, epoch seconds,
// as JSON 1.1 writes timestamps).
const orgJoined = 1577836800

type orgRequest struct {
	ParentID   string `json:"ParentId"`
	MaxResults int    `json:"MaxResults"`
	NextToken  string `json:"NextToken"`
}

type orgAccountJSON struct {
	ID              string `json:"Id"`
	Arn             string `json:"Arn"`
	Email           string `json:"Email"`
	Name            string `json:"Name"`
	Status          string `json:"Status"`
	State           string `json:"State"`
	JoinedMethod    string `json:"JoinedMethod"`
	JoinedTimestamp int64  `json:"JoinedTimestamp"`
}

// orgCaller decodes the request and checks the caller may list the
// organization: only its management account may, as in AWS.
func orgCaller(c *call, managementOnly bool) (*orgModel, orgRequest, *apiError) {
	var req orgRequest
	if len(c.Body) > 0 {
		if err := json.Unmarshal(c.Body, &req); err != nil {
			return nil, req, errf(http.StatusBadRequest, "SerializationException", "cannot parse request body: %v", err)
		}
	}
	m := c.srv.org
	if m == nil {
		return nil, req, errf(http.StatusBadRequest, "AWSOrganizationsNotInUseException", "Your account is not a member of an organization.")
	}
	if managementOnly && c.Account != m.mgmt {
		return nil, req, errf(http.StatusBadRequest, "AccessDeniedException", "You don't have permissions to access this resource.")
	}
	return m, req, nil
}

func describeOrganization(c *call) (any, *apiError) {
	m, _, e := orgCaller(c, false)
	if e != nil {
		return nil, e
	}
	return map[string]any{"Organization": map[string]any{
		"Id": m.id, "Arn": m.arn("organization", m.id), "FeatureSet": "ALL",
		"MasterAccountId": m.mgmt, "MasterAccountArn": "arn:aws:organizations::" + m.mgmt + ":account/" + m.id + "/" + m.mgmt,
		"MasterAccountEmail": "aws+" + m.mgmt + "@example.com", "AvailablePolicyTypes": []any{},
	}}, nil
}

// listRoots pages its one root like the other List actions, so a bad
// NextToken is refused as AWS does.
func listRoots(c *call) (any, *apiError) {
	m, req, e := orgCaller(c, true)
	if e != nil {
		return nil, e
	}
	ids, next, e := orgPage([]string{m.rootID}, req)
	if e != nil {
		return nil, e
	}
	roots := []any{}
	for _, id := range ids {
		roots = append(roots, map[string]any{"Id": id, "Arn": m.arn("root", id), "Name": "Root", "PolicyTypes": []any{}})
	}
	return map[string]any{"Roots": roots, "NextToken": next}, nil
}

func listAccounts(c *call) (any, *apiError) {
	m, req, e := orgCaller(c, true)
	if e != nil {
		return nil, e
	}
	return m.accountPage(m.sortedAccountIDs(), req)
}

func listAccountsForParent(c *call) (any, *apiError) {
	m, req, e := orgCaller(c, true)
	if e != nil {
		return nil, e
	}
	if !m.isParent(req.ParentID) {
		return nil, errf(http.StatusBadRequest, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.")
	}
	return m.accountPage(m.accountsOf[req.ParentID], req)
}

func listOUsForParent(c *call) (any, *apiError) {
	m, req, e := orgCaller(c, true)
	if e != nil {
		return nil, e
	}
	if !m.isParent(req.ParentID) {
		return nil, errf(http.StatusBadRequest, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.")
	}
	ids, next, pe := orgPage(m.ousOf[req.ParentID], req)
	if pe != nil {
		return nil, pe
	}
	ous := make([]map[string]string, 0, len(ids))
	for _, id := range ids {
		ous = append(ous, map[string]string{"Id": id, "Arn": m.arn("ou", id), "Name": m.ous[id].name})
	}
	return map[string]any{"OrganizationalUnits": ous, "NextToken": next}, nil
}

func (m *orgModel) accountPage(all []string, req orgRequest) (any, *apiError) {
	ids, next, e := orgPage(all, req)
	if e != nil {
		return nil, e
	}
	out := make([]orgAccountJSON, 0, len(ids))
	for _, id := range ids {
		a := m.accounts[id]
		out = append(out, orgAccountJSON{ID: id, Arn: m.arn("account", id), Email: "aws+" + id + "@example.com",
			Name: a.name, Status: a.state, State: a.state, JoinedMethod: "CREATED", JoinedTimestamp: orgJoined})
	}
	return map[string]any{"Accounts": out, "NextToken": next}, nil
}

// orgPage pages ids: MaxResults 1..20 (default 20, AWS's maximum for
// these actions), NextToken an opaque offset. A nil token ends the list.
func orgPage(ids []string, req orgRequest) ([]string, *string, *apiError) {
	n := req.MaxResults
	if n == 0 {
		n = 20
	}
	if n < 1 || n > 20 {
		return nil, nil, errf(http.StatusBadRequest, "InvalidInputException", "MaxResults must be between 1 and 20.")
	}
	start := 0
	if req.NextToken != "" {
		v, ok := strings.CutPrefix(req.NextToken, "simorg-")
		off, err := strconv.Atoi(v)
		if !ok || err != nil || off < 0 || off > len(ids) {
			return nil, nil, errf(http.StatusBadRequest, "InvalidInputException", "The NextToken is not valid.")
		}
		start = off
	}
	end := min(start+n, len(ids))
	var next *string
	if end < len(ids) {
		t := "simorg-" + strconv.Itoa(end)
		next = &t
	}
	return ids[start:end], next, nil
}
