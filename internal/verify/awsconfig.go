package verify

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/configservice/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

// ClosedRule is the AWS Config managed rule behind Security Hub EC2.2.
const ClosedRule = "vpc-default-security-group-closed"

// ConfigAPI is what reading AWS Config's evaluation calls.
type ConfigAPI interface {
	configservice.GetComplianceDetailsByConfigRuleAPIClient
}

// ConfigView is AWS Config's last evaluation of one default group next to
// what defaultsg reads now.
type ConfigView struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	GroupID string `json:"group_id"`
	// Config is COMPLIANT, NON_COMPLIANT, "not evaluated" (the group is not
	// in the rule's results) or "rule not deployed".
	Config    string `json:"config"`
	Compliant bool   `json:"compliant_now"` // no inbound and no outbound rule now
	Agree     bool   `json:"agree"`
}

// NotDeployed is ConfigView.Config where the region has no such rule.
const NotDeployed = "rule not deployed"

// ErrRuleNotDeployed is returned when the region has no such Config rule.
var ErrRuleNotDeployed = errors.New("config rule not deployed")

// ReadConfig returns the rule's last evaluation by group id.
func ReadConfig(ctx context.Context, api ConfigAPI, account, region, rule string) (map[string]string, error) {
	out := map[string]string{}
	p := configservice.NewGetComplianceDetailsByConfigRulePaginator(api, &configservice.GetComplianceDetailsByConfigRuleInput{
		ConfigRuleName: aws.String(rule), Limit: 100})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if awsx.ErrorCode(err) == "NoSuchConfigRuleException" {
			return nil, ErrRuleNotDeployed
		}
		if err != nil {
			return nil, awsx.Wrap(account, region, "config:GetComplianceDetailsByConfigRule", err)
		}
		for _, r := range page.EvaluationResults {
			if r.EvaluationResultIdentifier == nil || r.EvaluationResultIdentifier.EvaluationResultQualifier == nil {
				continue
			}
			q := r.EvaluationResultIdentifier.EvaluationResultQualifier
			if aws.ToString(q.ResourceType) == "AWS::EC2::SecurityGroup" {
				out[aws.ToString(q.ResourceId)] = string(r.ComplianceType)
			}
		}
	}
	return out, nil
}

// CompareConfig sets Agree: Config and the groups now say the same.
func CompareConfig(v ConfigView) ConfigView {
	switch v.Config {
	case string(types.ComplianceTypeCompliant):
		v.Agree = v.Compliant
	case string(types.ComplianceTypeNonCompliant):
		v.Agree = !v.Compliant
	}
	return v
}

// GroupNow is a default group and whether it has no rule now.
type GroupNow struct {
	Account, Region, GroupID string
	Compliant                bool
}

// ConfigViews puts the rule's last evaluation next to every group, reading
// each account-region once through apiFor. A region without the rule shows
// "rule not deployed"; a group the rule has not evaluated, "not evaluated".
func ConfigViews(ctx context.Context, groups []GroupNow, rule string, apiFor func(account, region string) ConfigAPI) ([]ConfigView, error) {
	evaluations := map[string]map[string]string{}
	out := make([]ConfigView, 0, len(groups))
	for _, g := range groups {
		k := g.Account + "/" + g.Region
		if _, read := evaluations[k]; !read {
			ev, err := ReadConfig(ctx, apiFor(g.Account, g.Region), g.Account, g.Region, rule)
			if err != nil && !errors.Is(err, ErrRuleNotDeployed) {
				return nil, err
			}
			evaluations[k] = ev // nil: not deployed
		}
		v := ConfigView{Account: g.Account, Region: g.Region, GroupID: g.GroupID, Compliant: g.Compliant}
		switch ev := evaluations[k]; {
		case ev == nil:
			v.Config = NotDeployed
		case ev[g.GroupID] == "":
			v.Config = "not evaluated"
		default:
			v.Config = ev[g.GroupID]
		}
		out = append(out, CompareConfig(v))
	}
	return out, nil
}
