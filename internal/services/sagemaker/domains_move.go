package sagemaker

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker"
	"github.com/aws/aws-sdk-go-v2/service/sagemaker/types"

	"github.com/defaultsg/defaultsg/internal/services/svc"
)

// The domain's group lists, as target ids.
const (
	defaultUserGroups  = "DefaultUserSettings.SecurityGroups"
	defaultSpaceGroups = "DefaultSpaceSettings.SecurityGroups"
	domainGroups       = "DomainSettings.SecurityGroupIds"
)

// domainMover moves a Studio domain with UpdateDomain, one target per list
// that holds the group (the default user settings, the default space
// settings, the domain's own), each sent alone: UpdateDomain changes the
// settings it is given and keeps the others. Security groups, unlike the
// execution role, may change while apps run (the "Edit domain settings"
// guide); apps and spaces launched later use the new groups, and a VPC-only
// domain applies them to its shared spaces. A domain with two lists to
// change is updated twice, the second call once the first is done.
// Settled waits for the domain to leave Updating; Update_Failed is an
// error.
var domainMover = svc.Mover{
	API:  "sagemaker:UpdateDomain",
	ARNs: []string{"arn:aws:sagemaker:*:*:domain/*"},
	IAM:  []string{"sagemaker:DescribeDomain", "sagemaker:UpdateDomain"},
	Targets: func(ctx context.Context, cfg aws.Config, r svc.Resource, group string) ([]svc.Target, error) {
		d, err := describeDomain(ctx, sagemaker.NewFromConfig(cfg), r)
		if err != nil {
			return nil, err
		}
		var out []svc.Target
		lists := domainLists(d)
		for i, id := range []string{defaultUserGroups, defaultSpaceGroups, domainGroups} {
			if slices.Contains(lists[i], group) {
				out = append(out, svc.Target{ID: id, Groups: slices.Clone(lists[i])})
			}
		}
		return out, nil
	},
	Move:    svc.SwapWith(setDomain),
	Restore: svc.RestoreWith(setDomain),
	Settled: func(ctx context.Context, cfg aws.Config, r svc.Resource) (string, error) {
		d, err := describeDomain(ctx, sagemaker.NewFromConfig(cfg), r)
		if err != nil {
			return "", err
		}
		switch d.Status {
		case types.DomainStatusInService:
			return "", nil
		case types.DomainStatusUpdateFailed, types.DomainStatusFailed:
			return "", svc.OpErr("sagemaker:UpdateDomain", &svc.SettleError{Reason: string(d.Status) + " " + aws.ToString(d.FailureReason)})
		}
		return "status " + string(d.Status), nil
	},
}

func domainLists(d *sagemaker.DescribeDomainOutput) [3][]string {
	var out [3][]string
	if d.DefaultUserSettings != nil {
		out[0] = d.DefaultUserSettings.SecurityGroups
	}
	if d.DefaultSpaceSettings != nil {
		out[1] = d.DefaultSpaceSettings.SecurityGroups
	}
	if d.DomainSettings != nil {
		out[2] = d.DomainSettings.SecurityGroupIds
	}
	return out
}

// domainID reads the domain id from its ARN (…:domain/d-…): the usage
// names the domain by name, which the API does not take.
func domainID(r svc.Resource) (string, error) {
	_, id, ok := strings.Cut(r.ARN, ":domain/")
	if !ok || id == "" {
		return "", fmt.Errorf("no domain id in ARN %q of domain %s", r.ARN, r.ID)
	}
	return id, nil
}

func describeDomain(ctx context.Context, api *sagemaker.Client, r svc.Resource) (*sagemaker.DescribeDomainOutput, error) {
	id, err := domainID(r)
	if err != nil {
		return nil, svc.OpErr("sagemaker:DescribeDomain", err)
	}
	out, err := api.DescribeDomain(ctx, &sagemaker.DescribeDomainInput{DomainId: aws.String(id)})
	return out, svc.OpErr("sagemaker:DescribeDomain", err)
}

func setDomain(ctx context.Context, cfg aws.Config, r svc.Resource, t svc.Target, groups []string) error {
	id, err := domainID(r)
	if err != nil {
		return svc.OpErr("sagemaker:UpdateDomain", err)
	}
	in := &sagemaker.UpdateDomainInput{DomainId: aws.String(id)}
	switch t.ID {
	case defaultUserGroups:
		in.DefaultUserSettings = &types.UserSettings{SecurityGroups: groups}
	case defaultSpaceGroups:
		in.DefaultSpaceSettings = &types.DefaultSpaceSettings{SecurityGroups: groups}
	case domainGroups:
		in.DomainSettingsForUpdate = &types.DomainSettingsForUpdate{SecurityGroupIds: groups}
	default:
		return svc.OpErr("sagemaker:UpdateDomain", fmt.Errorf("unknown group list %q of domain %s", t.ID, r.ID))
	}
	api := sagemaker.NewFromConfig(cfg)
	if err := waitDomainIdle(ctx, api, r); err != nil {
		return err
	}
	_, err = api.UpdateDomain(ctx, in)
	return svc.OpErr("sagemaker:UpdateDomain", err)
}

// domainIdleWait bounds how long a move waits for an earlier update of the
// same domain (its other group list, moments before) to finish: SageMaker
// refuses an update while the domain is Updating (ResourceInUse).
const domainIdleWait = 15 * time.Minute

// waitDomainIdle waits, polling with a growing interval, until the domain
// is no longer Updating or Pending.
func waitDomainIdle(ctx context.Context, api *sagemaker.Client, r svc.Resource) error {
	ctx, cancel := context.WithTimeout(ctx, domainIdleWait)
	defer cancel()
	for pause := 100 * time.Millisecond; ; pause = min(2*pause, 10*time.Second) {
		d, err := describeDomain(ctx, api, r)
		if err != nil {
			return err
		}
		if d.Status != types.DomainStatusUpdating && d.Status != types.DomainStatusPending {
			return nil
		}
		select {
		case <-ctx.Done():
			return svc.OpErr("sagemaker:UpdateDomain", fmt.Errorf("domain %s still %s: %w", r.ID, d.Status, ctx.Err()))
		case <-time.After(pause):
		}
	}
}
