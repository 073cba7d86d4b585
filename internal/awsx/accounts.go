package awsx

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	orgtypes "github.com/aws/aws-sdk-go-v2/service/organizations/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// OrgOptions select the member accounts of an AWS Organization and how to get
// into each of them.
type OrgOptions struct {
	OUs             []string // only accounts under these OUs (recursively)
	Accounts        []string // only these account ids
	ExcludeAccounts []string
	RoleName        string // role assumed in each member account
	ExternalID      string
	SessionName     string
	Duration        time.Duration
	Regions         []string // explicit regions, or all enabled per account
	Concurrency     int
}

// DefaultRoleName is the role Organizations creates in member accounts.
const DefaultRoleName = "OrganizationAccountAccessRole"

// OrgScope lists the organization's active accounts with the management
// credentials in base, assumes the role in each, and resolves each account's
// regions. An account whose role cannot be assumed (or whose regions cannot
// be listed) becomes a Problem; the others go on.
func OrgScope(ctx context.Context, base aws.Config, o OrgOptions) (Scope, error) {
	caller, err := CallerAccount(ctx, base)
	if err != nil {
		return Scope{}, err
	}
	ids, err := orgAccounts(ctx, organizations.NewFromConfig(base), o)
	var nm *NoMatchError
	if errors.As(err, &nm) {
		return Scope{}, err
	}
	if err != nil {
		return Scope{}, Wrap(caller, base.Region, "organizations:ListAccounts", err)
	}
	if o.RoleName == "" {
		o.RoleName = DefaultRoleName
	}
	if o.SessionName == "" {
		o.SessionName = "defaultsg"
	}
	if o.Concurrency <= 0 {
		// Every AssumeRole is the caller's own STS call: one account's
		// quota, however many accounts it opens.
		o.Concurrency = DefaultConcurrency
	}
	stsClient := sts.NewFromConfig(base)
	units := make([]Unit, len(ids))
	for i, id := range ids {
		units[i] = Unit{Account: id, Task: "assume-role"}
	}
	results, err := Run(ctx, o.Concurrency, units, func(ctx context.Context, _ int, u Unit) (orgResult, error) {
		cfg := base.Copy()
		if u.Account != caller {
			roleARN := fmt.Sprintf("arn:%s:iam::%s:role/%s", partition(base.Region), u.Account, o.RoleName)
			cfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(stsClient, roleARN, func(ao *stscreds.AssumeRoleOptions) {
				ao.RoleSessionName = o.SessionName
				if o.ExternalID != "" {
					ao.ExternalID = aws.String(o.ExternalID)
				}
				if o.Duration > 0 {
					ao.Duration = o.Duration
				}
			}))
			// Assume first, on its own: otherwise a refused role surfaces
			// inside the next call and is reported as that call's failure.
			if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
				op := "sts:AssumeRole " + roleARN
				return orgProblem(ctx, ProblemOf(u.Account, base.Region, op, Wrap(u.Account, base.Region, op, err)))
			}
		}
		a, err := accountOf(ctx, cfg, u.Account, o.Regions)
		if err != nil {
			return orgProblem(ctx, ProblemOf(u.Account, base.Region, "sts:GetCallerIdentity", err))
		}
		return orgResult{acct: &a}, nil
	})
	if err != nil {
		return Scope{}, err
	}
	var s Scope
	for _, r := range results {
		if r.problem != nil {
			s.Problems = append(s.Problems, *r.problem)
		} else {
			s.Accounts = append(s.Accounts, *r.acct)
		}
	}
	return s, nil
}

type orgResult struct {
	acct    *Account
	problem *Problem
}

// orgProblem turns one member account's failure into a Problem, so the
// other accounts go on; cancellation still stops the run.
func orgProblem(ctx context.Context, p Problem) (orgResult, error) {
	if ctx.Err() != nil {
		return orgResult{}, ctx.Err()
	}
	return orgResult{problem: &p}, nil
}

// ProfilesScope resolves one account per shared-config profile, for users
// without Organizations access.
func ProfilesScope(ctx context.Context, profiles []string, load func(ctx context.Context, profile string) (aws.Config, error), regions []string, concurrency int) (Scope, error) {
	units := make([]Unit, len(profiles))
	for i, p := range profiles {
		units[i] = Unit{Task: p}
	}
	type res struct {
		acct    *Account
		problem *Problem
	}
	results, err := Run(ctx, concurrency, units, func(ctx context.Context, _ int, u Unit) (res, error) {
		cfg, err := load(ctx, u.Task)
		if err == nil {
			var id string
			if id, err = CallerAccount(ctx, cfg); err == nil {
				var a Account
				if a, err = accountOf(ctx, cfg, id, regions); err == nil {
					return res{acct: &a}, nil
				}
			}
		}
		if ctx.Err() != nil {
			return res{}, ctx.Err()
		}
		p := ProblemOf("profile "+u.Task, "", "load profile", err)
		return res{problem: &p}, nil
	})
	if err != nil {
		return Scope{}, err
	}
	var s Scope
	seen := map[string]bool{}
	for _, r := range results {
		switch {
		case r.problem != nil:
			s.Problems = append(s.Problems, *r.problem)
		case !seen[r.acct.ID]:
			seen[r.acct.ID] = true
			s.Accounts = append(s.Accounts, *r.acct)
		}
	}
	sort.Slice(s.Accounts, func(i, j int) bool { return s.Accounts[i].ID < s.Accounts[j].ID })
	return s, nil
}

// accountOf checks the credentials work (GetCallerIdentity: this is where an
// assume-role failure surfaces) and lists the account's enabled regions.
func accountOf(ctx context.Context, cfg aws.Config, id string, regions []string) (Account, error) {
	got, err := CallerAccount(ctx, cfg)
	if err != nil {
		return Account{}, err
	}
	if got != id {
		return Account{}, fmt.Errorf("credentials are for account %s, expected %s", got, id)
	}
	rs, err := EnabledRegions(ctx, ec2.NewFromConfig(cfg), regions)
	if err != nil {
		return Account{}, Wrap(id, cfg.Region, "ec2:DescribeRegions", err)
	}
	return Account{ID: id, Base: cfg, Regions: rs}, nil
}

// orgAccounts lists active accounts, limited to OUs and id lists.
func orgAccounts(ctx context.Context, api orgAPI, o OrgOptions) ([]string, error) {
	var accts []orgtypes.Account
	if len(o.OUs) == 0 {
		p := organizations.NewListAccountsPaginator(api, &organizations.ListAccountsInput{})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			accts = append(accts, page.Accounts...)
		}
	} else {
		for _, ou := range o.OUs {
			got, err := accountsUnder(ctx, api, ou)
			if err != nil {
				return nil, err
			}
			accts = append(accts, got...)
		}
	}
	var ids []string
	found := map[string]bool{}
	for _, a := range accts {
		id := aws.ToString(a.Id)
		active := a.State == orgtypes.AccountStateActive || (a.State == "" && a.Status == orgtypes.AccountStatusActive)
		if !active {
			continue
		}
		found[id] = true
		if slices.Contains(ids, id) || slices.Contains(o.ExcludeAccounts, id) {
			continue
		}
		if len(o.Accounts) > 0 && !slices.Contains(o.Accounts, id) {
			continue
		}
		ids = append(ids, id)
	}
	// --accounts naming an account that is not an active member (under the
	// --ou given) would otherwise select nothing and pass.
	var missing []string
	for _, id := range o.Accounts {
		if !found[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		where := "the organization's active accounts"
		if len(o.OUs) > 0 {
			where += " under " + strings.Join(o.OUs, ", ")
		}
		return nil, &NoMatchError{Flag: "--accounts", IDs: missing, Where: where}
	}
	sort.Strings(ids)
	return ids, nil
}

type orgAPI interface {
	organizations.ListAccountsAPIClient
	organizations.ListAccountsForParentAPIClient
	organizations.ListOrganizationalUnitsForParentAPIClient
}

// accountsUnder lists the accounts of an OU and of every OU below it.
func accountsUnder(ctx context.Context, api orgAPI, parent string) ([]orgtypes.Account, error) {
	var out []orgtypes.Account
	p := organizations.NewListAccountsForParentPaginator(api, &organizations.ListAccountsForParentInput{ParentId: aws.String(parent)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Accounts...)
	}
	cp := organizations.NewListOrganizationalUnitsForParentPaginator(api, &organizations.ListOrganizationalUnitsForParentInput{ParentId: aws.String(parent)})
	for cp.HasMorePages() {
		page, err := cp.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, ou := range page.OrganizationalUnits {
			sub, err := accountsUnder(ctx, api, aws.ToString(ou.Id))
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
		}
	}
	return out, nil
}

func partition(region string) string {
	switch {
	case len(region) >= 3 && region[:3] == "cn-":
		return "aws-cn"
	case len(region) >= 7 && region[:7] == "us-gov-":
		return "aws-us-gov"
	}
	return "aws"
}
