package sim

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// AWS Security Hub (REST-JSON, signing name securityhub): GetFindings
// (POST /findings) and BatchImportFindings (POST /findings/import).
//
// Control EC2.2 findings follow AWS Config's last evaluation of
// vpc-default-security-group-closed (config.go), as Security Hub's control
// checks are that Config rule's results: a group the rule has not
// evaluated has no finding, NON_COMPLIANT is FAILED, COMPLIANT PASSED, and
// a group gone at the next evaluation has its finding ARCHIVED.
// StartConfigRulesEvaluation therefore updates the findings too.
var securityHubOps = map[string]op{
	"GetFindings":         getFindings,
	"BatchImportFindings": regionLocked(batchImportFindings),
}

func securityHubRoute(r *http.Request) string {
	if r.Method != http.MethodPost {
		return ""
	}
	switch strings.TrimSuffix(r.URL.Path, "/") {
	case "/findings":
		return "GetFindings"
	case "/findings/import":
		return "BatchImportFindings"
	}
	return ""
}

// securityHubSpecs are Security Hub's part of a region's scenario.
type securityHubSpecs struct {
	// SecurityHub enables Security Hub in the region with its control
	// finding generator: SECURITY_CONTROL (consolidated: one finding per
	// check) or STANDARD_CONTROL (one per enabled standard: AWS
	// Foundational Security Best Practices and CIS v1.2.0). EC2.2 needs
	// config_rules to hold vpc-default-security-group-closed.
	SecurityHub string `yaml:"securityhub"`
	// SecurityHubAggregator makes the region a cross-region aggregation
	// region: GetFindings there also answers the account's other regions'
	// findings and, in the organization's management account (standing in
	// for the delegated administrator), every member account's.
	SecurityHubAggregator bool `yaml:"securityhub_aggregator"`
}

// securityHubState is Security Hub's part of a regionState: its settings
// and the findings imported with BatchImportFindings, in import order.
type securityHubState struct {
	hubGenerator  string
	hubAggregator bool
	imported      []map[string]any
}

func (b *builder) addSecurityHub() error {
	switch b.res.SecurityHub {
	case "":
		if b.res.SecurityHubAggregator {
			return b.errAt(path{"securityhub_aggregator"}, "an aggregation region needs securityhub enabled")
		}
		return nil
	case "SECURITY_CONTROL", "STANDARD_CONTROL":
	default:
		return b.errAt(path{"securityhub"}, "securityhub is SECURITY_CONTROL or STANDARD_CONTROL, not %q", b.res.SecurityHub)
	}
	if b.st.configRules[ClosedRuleIdentifier] == nil {
		return b.errAt(path{"securityhub"}, "Security Hub's EC2.2 is evaluated by the AWS Config rule %s: add it to config_rules", ClosedRuleIdentifier)
	}
	b.st.hubGenerator, b.st.hubAggregator = b.res.SecurityHub, b.res.SecurityHubAggregator
	return nil
}

func notSubscribed(account string) *apiError {
	return &apiError{Status: http.StatusUnauthorized, Code: "InvalidAccessException",
		Message: "Account " + account + " is not subscribed to AWS Security Hub"}
}

// controlFindings are the EC2.2 findings of one region, from its Config
// rule's last evaluation. The caller holds st.mu.
func (st *regionState) controlFindings() []map[string]any {
	r := st.configRules[ClosedRuleIdentifier]
	if st.hubGenerator == "" || r == nil {
		return nil
	}
	var out []map[string]any
	ids := make([]string, 0, len(r.results)+len(r.gone))
	for id := range r.results {
		ids = append(ids, id)
	}
	for id := range r.gone {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		status, record := "PASSED", "ACTIVE"
		switch {
		case r.gone[id] != "":
			status, record = "PASSED", "ARCHIVED"
			if r.gone[id] == "NON_COMPLIANT" {
				status = "FAILED"
			}
		case r.results[id] == "NON_COMPLIANT":
			status = "FAILED"
		}
		if st.hubGenerator == "SECURITY_CONTROL" {
			out = append(out, st.controlFinding(id, status, record, "security-control/EC2.2",
				"security-control/EC2.2", "standards/aws-foundational-security-best-practices/v/1.0.0", r.evaluated))
			continue
		}
		out = append(out,
			st.controlFinding(id, status, record, "aws-foundational-security-best-practices/v/1.0.0/EC2.2",
				"subscription/aws-foundational-security-best-practices/v/1.0.0/EC2.2", "standards/aws-foundational-security-best-practices/v/1.0.0", r.evaluated),
			st.controlFinding(id, status, record, "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/4.3",
				"subscription/cis-aws-foundations-benchmark/v/1.2.0/4.3", "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0", r.evaluated))
	}
	return out
}

// controlFinding is one control finding as the Security Hub user guide's
// samples show it. Consolidated or not, control findings carry
// Compliance.SecurityControlId; their Id is stable per control and group.
func (st *regionState) controlFinding(group, status, record, generator, idPath, standard string, at time.Time) map[string]any {
	details := map[string]any{"GroupName": "default", "GroupId": group, "OwnerId": st.account}
	if g := st.groups[group]; g != nil {
		details["GroupName"], details["VpcId"] = g.Name, g.VpcID
	}
	sum := sha256.Sum256([]byte(st.account + st.region + idPath + group))
	uuid := fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
	ts := at.UTC().Format("2006-01-02T15:04:05.000Z")
	workflow := "NEW"
	if status == "PASSED" {
		workflow = "RESOLVED" // Security Hub resolves a finding when its check passes
	}
	severity := map[string]any{"Label": "HIGH", "Normalized": 70, "Original": "HIGH"}
	if status == "PASSED" {
		severity = map[string]any{"Label": "INFORMATIONAL", "Normalized": 0, "Original": "HIGH"}
	}
	types := []string{"Software and Configuration Checks/Industry and Regulatory Standards"}
	return map[string]any{
		"SchemaVersion":   "2018-10-08",
		"Id":              "arn:aws:securityhub:" + st.region + ":" + st.account + ":" + idPath + "/finding/" + uuid,
		"ProductArn":      "arn:aws:securityhub:" + st.region + "::product/aws/securityhub",
		"ProductName":     "Security Hub",
		"CompanyName":     "AWS",
		"Region":          st.region,
		"GeneratorId":     generator,
		"AwsAccountId":    st.account,
		"Types":           types,
		"FirstObservedAt": ts, "LastObservedAt": ts, "CreatedAt": ts, "UpdatedAt": ts, "ProcessedAt": ts,
		"Severity":    severity,
		"Title":       "VPC default security groups should not allow inbound or outbound traffic",
		"Description": "This control checks whether the default security group of a VPC allows inbound or outbound traffic. The control fails if the security group allows inbound or outbound traffic.",
		"Remediation": map[string]any{"Recommendation": map[string]any{
			"Text": "For information on how to correct this issue, consult the AWS Security Hub controls documentation.",
			"Url":  "https://docs.aws.amazon.com/console/securityhub/EC2.2/remediation"}},
		"ProductFields": map[string]any{"RelatedAWSResources:0/name": "securityhub-" + ClosedRuleIdentifier,
			"RelatedAWSResources:0/type": "AWS::Config::ConfigRule", "aws/securityhub/ProductName": "Security Hub",
			"aws/securityhub/CompanyName": "AWS", "Resources:0/Id": "arn:aws:ec2:" + st.region + ":" + st.account + ":security-group/" + group},
		"Resources": []map[string]any{{
			"Type": "AwsEc2SecurityGroup", "Id": "arn:aws:ec2:" + st.region + ":" + st.account + ":security-group/" + group,
			"Partition": "aws", "Region": st.region,
			"Details": map[string]any{"AwsEc2SecurityGroup": details},
		}},
		"Compliance": map[string]any{"Status": status, "SecurityControlId": "EC2.2",
			"AssociatedStandards": []map[string]any{{"StandardsId": standard}}},
		"WorkflowState":         "NEW",
		"Workflow":              map[string]any{"Status": workflow},
		"RecordState":           record,
		"FindingProviderFields": map[string]any{"Severity": map[string]any{"Label": severity["Label"], "Original": "HIGH"}, "Types": types},
	}
}

// hubFindings are the findings GetFindings in st answers from: its own
// (control and imported) and, in an aggregation region, every linked
// region's. Each region is locked while it is read, one at a time.
func (c *call) hubFindings() []map[string]any {
	own := func(st *regionState) []map[string]any {
		st.mu.Lock()
		defer st.mu.Unlock()
		if st.hubGenerator == "" && len(st.imported) == 0 {
			return nil
		}
		return append(st.controlFindings(), st.imported...)
	}
	if !c.state.hubAggregator {
		return own(c.state)
	}
	admin := c.srv.org != nil && c.srv.org.mgmt == c.Account
	keys := make([]stateKey, 0, len(c.srv.states))
	for k := range c.srv.states {
		if k.account == c.Account || admin {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].account+keys[i].region < keys[j].account+keys[j].region
	})
	var out []map[string]any
	for _, k := range keys {
		out = append(out, own(c.srv.states[k])...)
	}
	return out
}

// hubFilterFields are the string filters served, by the finding member
// each one reads.
var hubFilterFields = map[string]func(f map[string]any) []string{
	"Id":                          member("Id"),
	"ProductArn":                  member("ProductArn"),
	"AwsAccountId":                member("AwsAccountId"),
	"Region":                      member("Region"),
	"GeneratorId":                 member("GeneratorId"),
	"RecordState":                 member("RecordState"),
	"ComplianceStatus":            member("Compliance", "Status"),
	"ComplianceSecurityControlId": member("Compliance", "SecurityControlId"),
	"WorkflowStatus":              member("Workflow", "Status"),
	"SeverityLabel":               member("Severity", "Label"),
	"ResourceType":                resources("Type"),
	"ResourceId":                  resources("Id"),
}

func member(path ...string) func(map[string]any) []string {
	return func(f map[string]any) []string {
		var v any = f
		for _, p := range path {
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[p]
		}
		if s, ok := v.(string); ok {
			return []string{s}
		}
		return nil
	}
}

func resources(key string) func(map[string]any) []string {
	return func(f map[string]any) []string {
		var out []string
		switch rs := f["Resources"].(type) {
		case []map[string]any:
			for _, r := range rs {
				out = append(out, member(key)(r)...)
			}
		case []any:
			for _, r := range rs {
				if m, ok := r.(map[string]any); ok {
					out = append(out, member(key)(m)...)
				}
			}
		}
		return out
	}
}

type stringFilter struct {
	Value      string `json:"Value"`
	Comparison string `json:"Comparison"`
}

// matches applies one field's filters as the API reference describes:
// EQUALS and PREFIX values are ORed, NOT_EQUALS and PREFIX_NOT_EQUALS
// ANDed, and the two groups ANDed.
func matches(values []string, filters []stringFilter) bool {
	positive, anyPositive := false, false
	for _, fl := range filters {
		switch fl.Comparison {
		case "EQUALS", "PREFIX":
			anyPositive = true
			for _, v := range values {
				if v == fl.Value || fl.Comparison == "PREFIX" && strings.HasPrefix(v, fl.Value) {
					positive = true
				}
			}
		case "NOT_EQUALS", "PREFIX_NOT_EQUALS":
			for _, v := range values {
				if v == fl.Value || fl.Comparison == "PREFIX_NOT_EQUALS" && strings.HasPrefix(v, fl.Value) {
					return false
				}
			}
		}
	}
	return positive || !anyPositive
}

func invalidInput(msg string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: "InvalidInputException", Message: msg}
}

func getFindings(c *call) (any, *apiError) {
	var req struct {
		Filters    map[string][]stringFilter `json:"Filters"`
		MaxResults int                       `json:"MaxResults"`
		NextToken  string                    `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	c.state.mu.Lock()
	enabled := c.state.hubGenerator != ""
	c.state.mu.Unlock()
	if !enabled {
		return nil, notSubscribed(c.Account)
	}
	fields := make([]string, 0, len(req.Filters))
	for name, fls := range req.Filters {
		if hubFilterFields[name] == nil {
			return nil, invalidInput("the simulator does not serve the filter " + name)
		}
		if len(fls) > 20 {
			return nil, invalidInput("at most 20 values for the filter " + name)
		}
		for _, fl := range fls {
			switch fl.Comparison {
			case "EQUALS", "PREFIX", "NOT_EQUALS", "PREFIX_NOT_EQUALS":
			default:
				return nil, invalidInput("the simulator does not serve the comparison " + fl.Comparison + " (filter " + name + ")")
			}
		}
		fields = append(fields, name)
	}
	var kept []map[string]any
	for _, f := range c.hubFindings() {
		ok := true
		for _, name := range fields {
			if !matches(hubFilterFields[name](f), req.Filters[name]) {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, f)
		}
	}
	page, next, e := pageSlice(jsonPage{def: 100, limit: 100, invalid: invalidInput, action: c.Action, max: req.MaxResults, token: req.NextToken}, kept)
	if e != nil {
		return nil, e
	}
	if page == nil {
		page = []map[string]any{}
	}
	return withNext(map[string]any{"Findings": page}, "NextToken", next), nil
}

// asffRequired are AwsSecurityFinding's required members (botocore model).
var asffRequired = []string{"SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "CreatedAt", "UpdatedAt", "Title", "Description", "Resources"}

// batchImportFindings stores findings for the caller's default product
// (arn:aws:securityhub:REGION:ACCOUNT:product/ACCOUNT/default) in its own
// account; a finding with the same ProductArn and Id replaces the last.
// Per-finding refusals are FailedFindings, as the API reference describes;
// the codes are the simulator's choice (AWS documents none).
func batchImportFindings(c *call) (any, *apiError) {
	var req struct {
		Findings []map[string]any `json:"Findings"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	if c.state.hubGenerator == "" {
		return nil, notSubscribed(c.Account)
	}
	if len(req.Findings) < 1 || len(req.Findings) > 100 {
		return nil, invalidInput("Findings must hold 1 to 100 findings")
	}
	product := "arn:aws:securityhub:" + c.Region + ":" + c.Account + ":product/" + c.Account + "/default"
	failed := []map[string]any{}
	ok := 0
	for _, f := range req.Findings {
		id, _ := f["Id"].(string)
		fail := func(code, msg string) {
			failed = append(failed, map[string]any{"Id": orUnknown(id), "ErrorCode": code, "ErrorMessage": msg})
		}
		var missing []string
		for _, m := range asffRequired {
			if f[m] == nil || f[m] == "" {
				missing = append(missing, m)
			}
		}
		switch {
		case len(missing) > 0:
			fail("InvalidInput", "Finding does not adhere to Amazon Finding Format. missing required properties: "+strings.Join(missing, ", "))
		case f["ProductArn"] != product || f["AwsAccountId"] != c.Account:
			fail("AccessDeniedException", "Caller may only import findings for "+product+" in account "+c.Account)
		default:
			stored := map[string]any{"RecordState": "ACTIVE", "Region": c.Region, "ProcessedAt": time.Now().UTC().Format("2006-01-02T15:04:05.000Z")}
			for k, v := range f {
				stored[k] = v
			}
			replaced := false
			for i, old := range c.state.imported {
				if old["Id"] == id && old["ProductArn"] == stored["ProductArn"] {
					next := append([]map[string]any(nil), c.state.imported...)
					next[i], replaced = stored, true
					c.state.imported = next
					break
				}
			}
			if !replaced {
				c.state.imported = append(append([]map[string]any(nil), c.state.imported...), stored)
			}
			ok++
		}
	}
	return map[string]any{"FailedCount": len(failed), "SuccessCount": ok, "FailedFindings": failed}, nil
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
