package guard

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Event is what the handler needs from an EventBridge event carrying a
// CloudTrail record ("AWS API Call via CloudTrail").
type Event struct {
	ID        string // CloudTrail eventID (EventBridge's id when absent)
	Name      string // eventName
	Account   string // the account the call was made in
	Region    string // awsRegion
	Time      string // eventTime
	Actor     string // userIdentity.arn
	ErrorCode string // set when the call failed: nothing changed
	GroupID   string
	RuleIDs   []string // the rules the call added or modified
	VpcID     string   // CreateVpc: the new VPC
}

// envelope is EventBridge's wrapper; detail is the CloudTrail record.
type envelope struct {
	ID         string          `json:"id"`
	DetailType string          `json:"detail-type"`
	Source     string          `json:"source"`
	Account    string          `json:"account"`
	Region     string          `json:"region"`
	Detail     json.RawMessage `json:"detail"`
}

type record struct {
	EventID            string `json:"eventID"`
	EventName          string `json:"eventName"`
	EventSource        string `json:"eventSource"`
	EventTime          string `json:"eventTime"`
	AWSRegion          string `json:"awsRegion"`
	RecipientAccountID string `json:"recipientAccountId"`
	ErrorCode          string `json:"errorCode"`
	UserIdentity       struct {
		ARN string `json:"arn"`
	} `json:"userIdentity"`
	RequestParameters struct {
		GroupID string `json:"groupId"`
		// ModifySecurityGroupRules is recorded with the request's own
		// (capitalised) names, wrapped in ModifySecurityGroupRulesRequest.
		Modify *struct {
			GroupID string    `json:"GroupId"`
			Rules   oneOrMany `json:"SecurityGroupRule"`
		} `json:"ModifySecurityGroupRulesRequest"`
	} `json:"requestParameters"`
	ResponseElements *struct {
		RuleSet struct {
			Items []struct {
				GroupID string `json:"groupId"`
				RuleID  string `json:"securityGroupRuleId"`
			} `json:"items"`
		} `json:"securityGroupRuleSet"`
		Vpc struct {
			VpcID string `json:"vpcId"`
		} `json:"vpc"`
	} `json:"responseElements"`
}

// oneOrMany is a list CloudTrail records as an object when it has one
// element (EC2's query protocol has no arrays; CloudTrail converts "tag"ged
// members one at a time).
type oneOrMany []struct {
	RuleID string `json:"SecurityGroupRuleId"`
}

func (o *oneOrMany) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	type item = struct {
		RuleID string `json:"SecurityGroupRuleId"`
	}
	if len(b) > 0 && b[0] == '{' {
		var one item
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*o = oneOrMany{one}
		return nil
	}
	var many []item
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*o = many
	return nil
}

// ParseEvent reads an EventBridge event of a CloudTrail record. A bare
// CloudTrail record (no envelope: what CloudTrail's console and LookupEvents
// show) is accepted too, for manual use.
func ParseEvent(raw []byte) (Event, error) {
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return Event{}, fmt.Errorf("reading the event: %w", err)
	}
	detail := env.Detail
	if len(detail) == 0 {
		detail = raw
	} else if env.DetailType != "AWS API Call via CloudTrail" {
		return Event{}, fmt.Errorf("event %s is a %q event from %s, not \"AWS API Call via CloudTrail\"", env.ID, env.DetailType, env.Source)
	}
	var r record
	if err := json.Unmarshal(detail, &r); err != nil {
		return Event{}, fmt.Errorf("reading the CloudTrail record: %w", err)
	}
	if r.EventName == "" {
		return Event{}, fmt.Errorf("no eventName: not a CloudTrail record")
	}
	ev := Event{ID: r.EventID, Name: r.EventName, Account: r.RecipientAccountID, Region: r.AWSRegion,
		Time: r.EventTime, Actor: r.UserIdentity.ARN, ErrorCode: r.ErrorCode, GroupID: r.RequestParameters.GroupID}
	if ev.ID == "" {
		ev.ID = env.ID
	}
	if ev.Account == "" {
		ev.Account = env.Account
	}
	if ev.Region == "" {
		ev.Region = env.Region
	}
	if m := r.RequestParameters.Modify; m != nil {
		ev.GroupID = m.GroupID
		for _, it := range m.Rules {
			ev.RuleIDs = append(ev.RuleIDs, it.RuleID)
		}
	}
	if re := r.ResponseElements; re != nil {
		for _, it := range re.RuleSet.Items {
			if ev.GroupID == "" {
				ev.GroupID = it.GroupID
			}
			if it.RuleID != "" {
				ev.RuleIDs = append(ev.RuleIDs, it.RuleID)
			}
		}
		ev.VpcID = re.Vpc.VpcID
	}
	return ev, nil
}
