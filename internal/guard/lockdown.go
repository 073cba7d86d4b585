package guard

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

// CustomResourceEvent is CloudFormation's request to a custom resource
// (the template's GuardLockdown).
type CustomResourceEvent struct {
	RequestType        string `json:"RequestType"` // Create, Update, Delete
	ResponseURL        string `json:"ResponseURL"`
	StackID            string `json:"StackId"`
	RequestID          string `json:"RequestId"`
	LogicalResourceID  string `json:"LogicalResourceId"`
	PhysicalResourceID string `json:"PhysicalResourceId"`
}

// AsCustomResource reports whether raw is a CloudFormation custom resource
// request rather than an EventBridge event.
func AsCustomResource(raw []byte) (CustomResourceEvent, bool) {
	var cr CustomResourceEvent
	if json.Unmarshal(raw, &cr) != nil || cr.RequestType == "" || cr.ResponseURL == "" {
		return cr, false
	}
	return cr, true
}

// LockdownResult is what a lockdown did, per group.
type LockdownResult struct {
	Account string   `json:"account"`
	Region  string   `json:"region"`
	Groups  []Result `json:"groups"`
	// Answered: CloudFormation has the outcome (SUCCESS or FAILED), so a
	// Lambda retry would only repeat it.
	Answered bool `json:"answered_cloudformation,omitempty"`
}

// Lockdown closes every VPC default group of the region: each group's
// rules are written to a backup record, then revoked by id (report mode:
// listed only). It is what the template's custom resource runs at deploy
// time, so a region is closed from the start and the rule keeps it so.
func (h *Handler) Lockdown(ctx context.Context, account, region string) (LockdownResult, error) {
	out := LockdownResult{Account: account, Region: region}
	api := h.EC2(region)
	ev := Event{ID: "lockdown-" + region, Name: "Lockdown", Account: account, Region: region}
	p := ec2.NewDescribeSecurityGroupsPaginator(api, &ec2.DescribeSecurityGroupsInput{
		Filters: []types.Filter{{Name: aws.String("group-name"), Values: []string{"default"}}}})
	var errs []error
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, awsx.Wrap(account, region, "ec2:DescribeSecurityGroups", err)
		}
		for _, g := range page.SecurityGroups {
			if aws.ToString(g.VpcId) == "" {
				continue // EC2-Classic's default group has no VPC
			}
			gev := ev
			gev.GroupID, gev.VpcID = aws.ToString(g.GroupId), aws.ToString(g.VpcId)
			res := Result{Mode: h.Mode, EventID: gev.ID, EventName: gev.Name, Account: account, Region: region, GroupID: gev.GroupID, VpcID: gev.VpcID}
			err := h.closeGroup(ctx, api, gev, &res)
			if err != nil {
				res.Action, res.Error = Failed, err.Error()
				errs = append(errs, err)
			}
			out.Groups = append(out.Groups, res)
		}
	}
	return out, errors.Join(errs...)
}

func (h *Handler) closeGroup(ctx context.Context, api EC2API, ev Event, res *Result) error {
	current, err := rules(ctx, api, ev, ev.GroupID)
	if err != nil {
		return err
	}
	res.Rules = current
	switch {
	case len(current) == 0:
		res.Action, res.Reason = AlreadyGone, "already closed"
		return nil
	case h.Mode == Report:
		res.Action, res.Reason = Reported, fmt.Sprintf("report mode: %d rule(s) left in place", len(current))
		return nil
	}
	rec := NewRecord(h.recordTime(ev), ev, ev.VpcID, ev.GroupID, current)
	if err := h.Backup.Write(ctx, rec); err != nil {
		return fmt.Errorf("writing the backup record of %s (nothing revoked): %w", ev.GroupID, err)
	}
	gone, err := revoke(ctx, api, ev, ev.GroupID, current)
	res.Gone = gone
	if err != nil {
		return err
	}
	res.Action, res.Reason = Revoked, fmt.Sprintf("%d rule(s) revoked", len(current)-len(gone))
	return nil
}

// HandleCustomResource runs the lockdown on Create (and Update), does
// nothing on Delete (the rules stay revoked: restore them from the backup
// records), and always answers CloudFormation, so a stack never waits an
// hour for a function that failed.
func (h *Handler) HandleCustomResource(ctx context.Context, cr CustomResourceEvent, client *http.Client) (LockdownResult, error) {
	account, region := stackAccountRegion(cr.StackID)
	var res LockdownResult
	var err error
	if cr.RequestType != "Delete" {
		res, err = h.Lockdown(ctx, account, region)
	}
	if h.Log != nil {
		b, _ := json.Marshal(struct {
			Lockdown LockdownResult `json:"defaultsg_guard_lockdown"`
		}{res})
		fmt.Fprintf(h.Log, "%s\n", b)
	}
	status, reason := "SUCCESS", fmt.Sprintf("%d default group(s) checked", len(res.Groups))
	if err != nil {
		status, reason = "FAILED", err.Error()
	}
	if len(reason) > 1000 {
		reason = reason[:1000]
	}
	phys := cr.PhysicalResourceID
	if phys == "" {
		phys = "defaultsg-lockdown-" + region
	}
	body, _ := json.Marshal(map[string]any{"Status": status, "Reason": reason, "PhysicalResourceId": phys,
		"StackId": cr.StackID, "RequestId": cr.RequestID, "LogicalResourceId": cr.LogicalResourceID,
		"Data": map[string]int{"Groups": len(res.Groups)}})
	req, rerr := http.NewRequestWithContext(ctx, http.MethodPut, cr.ResponseURL, bytes.NewReader(body))
	if rerr == nil {
		var resp *http.Response
		if resp, rerr = client.Do(req); rerr == nil {
			resp.Body.Close()
			if resp.StatusCode/100 != 2 {
				rerr = fmt.Errorf("HTTP %d", resp.StatusCode)
			}
		}
	}
	if rerr != nil {
		err = errors.Join(err, fmt.Errorf("answering CloudFormation: %w", rerr))
	}
	res.Answered = rerr == nil
	return res, err
}

// stackAccountRegion reads them from arn:aws:cloudformation:REGION:ACCOUNT:stack/...
func stackAccountRegion(stackID string) (account, region string) {
	parts := strings.SplitN(stackID, ":", 6)
	if len(parts) < 6 {
		return "", ""
	}
	return parts[4], parts[3]
}
