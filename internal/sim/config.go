package sim

import (
	"net/http"
	"sort"
	"time"
)

// AWS Config (JSON 1.1, target prefix StarlingDoveService): the managed rule
// vpc-default-security-group-closed, evaluated like AWS does — when the
// rule is deployed (here: when the simulator starts) and again when asked
// (StartConfigRulesEvaluation), not on every change. Between evaluations
// Config reports what it saw last, which is how it comes to disagree with
// the groups as they are now.
var configOps = map[string]op{
	"GetComplianceDetailsByConfigRule": regionLocked(getComplianceDetailsByConfigRule),
	"StartConfigRulesEvaluation":       regionLocked(startConfigRulesEvaluation),
	// Aggregator operations read every account-region, each under its own
	// lock (config_aggregator.go).
	"SelectAggregateResourceConfig":                selectAggregateResourceConfig,
	"DescribeConfigurationAggregatorSourcesStatus": describeConfigurationAggregatorSourcesStatus,
	"DescribeConfigurationRecorders":               regionLocked(describeConfigurationRecorders),
	"DescribeConfigurationRecorderStatus":          regionLocked(describeConfigurationRecorderStatus),
}

// ClosedRuleIdentifier is the managed rule the simulator evaluates; any
// other rule name is served with no results.
const ClosedRuleIdentifier = "vpc-default-security-group-closed"

type configRule struct {
	name      string
	evaluated time.Time
	results   map[string]string // default group id → COMPLIANT / NON_COMPLIANT
	// gone are the groups evaluated before and missing now (their VPC was
	// deleted), with their last result: Security Hub archives their findings.
	gone map[string]string
}

func (b *builder) addConfigRules() error {
	b.st.configRules = map[string]*configRule{}
	for i, name := range b.res.ConfigRules {
		if name == "" || b.st.configRules[name] != nil {
			return b.errAt(path{"config_rules", i}, "config rule names must be unique and not empty")
		}
		r := &configRule{name: name}
		b.st.evaluate(r)
		b.st.configRules[name] = r
	}
	return b.addConfigRecorder()
}

// evaluate records, for every default group, whether it has no rule. The
// caller holds st.mu (or the state is being built).
func (st *regionState) evaluate(r *configRule) {
	r.evaluated = time.Now().UTC()
	before := r.results
	r.results = map[string]string{}
	if r.name != ClosedRuleIdentifier {
		return
	}
	for id, g := range st.groups {
		if !g.IsDefault() {
			continue
		}
		r.results[id] = "COMPLIANT"
		if len(g.Rules) > 0 {
			r.results[id] = "NON_COMPLIANT"
		}
	}
	if r.gone == nil {
		r.gone = map[string]string{}
	}
	for id, result := range before {
		if _, still := r.results[id]; !still {
			r.gone[id] = result
		}
	}
	for id := range r.results {
		delete(r.gone, id)
	}
}

func noSuchRule(name string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: "NoSuchConfigRuleException",
		Message: "The ConfigRule '" + name + "' provided in the request is invalid. Please check the configRule name."}
}

func getComplianceDetailsByConfigRule(c *call) (any, *apiError) {
	var req struct {
		ConfigRuleName  string   `json:"ConfigRuleName"`
		ComplianceTypes []string `json:"ComplianceTypes"`
		Limit           int      `json:"Limit"`
		NextToken       string   `json:"NextToken"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	r := c.state.configRules[req.ConfigRuleName]
	if r == nil {
		return nil, noSuchRule(req.ConfigRuleName)
	}
	want := map[string]bool{}
	for _, t := range req.ComplianceTypes {
		want[t] = true
	}
	ids := make([]string, 0, len(r.results))
	for id, result := range r.results {
		if len(want) == 0 || want[result] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	items, next, e := pageSlice(jsonPage{def: 10, limit: 100, invalid: badRequest("InvalidParameterValueException"),
		action: c.Action, max: req.Limit, token: req.NextToken}, ids)
	if e != nil {
		return nil, e
	}
	at := float64(r.evaluated.UnixMilli()) / 1000
	out := []map[string]any{}
	for _, id := range items {
		out = append(out, map[string]any{
			"EvaluationResultIdentifier": map[string]any{
				"EvaluationResultQualifier": map[string]any{"ConfigRuleName": r.name, "ResourceType": "AWS::EC2::SecurityGroup", "ResourceId": id},
				"OrderingTimestamp":         at,
			},
			"ComplianceType": r.results[id], "ResultRecordedTime": at, "ConfigRuleInvokedTime": at,
		})
	}
	return withNext(map[string]any{"EvaluationResults": out}, "NextToken", next), nil
}

func startConfigRulesEvaluation(c *call) (any, *apiError) {
	var req struct {
		ConfigRuleNames []string `json:"ConfigRuleNames"`
	}
	if e := decodeJSON(c, &req); e != nil {
		return nil, e
	}
	for _, name := range req.ConfigRuleNames {
		if c.state.configRules[name] == nil {
			return nil, noSuchRule(name)
		}
	}
	for _, name := range req.ConfigRuleNames {
		c.state.evaluate(c.state.configRules[name])
	}
	return map[string]any{}, nil
}

// configSpecs are AWS Config's part of a region's scenario: the rules
// deployed in the region, e.g. vpc-default-security-group-closed.
type configSpecs struct {
	ConfigRules []string `yaml:"config_rules"`
	// ConfigAggregators are organization-wide aggregators defined in
	// this account-region; ConfigRecorder is its recorder, by default on
	// and recording every supported type (config_aggregator.go).
	ConfigAggregators []string            `yaml:"config_aggregators"`
	ConfigRecorder    *ConfigRecorderSpec `yaml:"config_recorder"`
}

// configState is AWS Config's part of a regionState: each rule's last
// evaluation.
type configState struct {
	configRules map[string]*configRule
	recorder    configRecorder
	aggregators map[string]bool
}
