package awsx

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Account is one account to work in: its base configuration (copied per
// region) and the regions selected for it.
type Account struct {
	ID      string
	Base    aws.Config
	Regions []string
}

// Scope is every account × region a command will visit, plus the accounts or
// regions that could not even be listed (reported, never dropped).
type Scope struct {
	Accounts []Account
	Problems []Problem
}

// Units expands the scope into account × region × task units, in a stable
// order.
func (s Scope) Units(tasks ...string) []Unit {
	if len(tasks) == 0 {
		tasks = []string{""}
	}
	var out []Unit
	for _, a := range s.Accounts {
		for _, r := range a.Regions {
			for _, t := range tasks {
				out = append(out, Unit{Account: a.ID, Region: r, Task: t})
			}
		}
	}
	return out
}

// Config returns the configuration for account in region.
func (s Scope) Config(account, region string) (aws.Config, bool) {
	for _, a := range s.Accounts {
		if a.ID == account {
			return ForRegion(a.Base, region), true
		}
	}
	return aws.Config{}, false
}

// Problem is something that could not be read, for the "incomplete" part of a
// report.
type Problem struct {
	Account   string `json:"account"`
	Region    string `json:"region,omitempty"`
	Operation string `json:"operation"`
	Class     string `json:"class"`
	Message   string `json:"message"`
}

// ProblemOf turns an error into a Problem, using the OpError context when
// present.
func ProblemOf(account, region, op string, err error) Problem {
	p := Problem{Account: account, Region: region, Operation: op, Class: Classify(err).String(), Message: err.Error()}
	var oe *OpError
	if errors.As(err, &oe) {
		p.Operation, p.Message = oe.Operation, short(oe.Err)
		if oe.Account != "" {
			p.Account = oe.Account
		}
		if oe.Region != "" {
			p.Region = oe.Region
		}
	}
	return p
}

// SortProblems orders problems by account, region, operation.
func SortProblems(ps []Problem) {
	sort.Slice(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		return a.Operation < b.Operation
	})
}

// CallerAccount returns the account id of cfg's credentials.
func CallerAccount(ctx context.Context, cfg aws.Config) (string, error) {
	out, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", Wrap("", cfg.Region, "sts:GetCallerIdentity", err)
	}
	return aws.ToString(out.Account), nil
}

// SingleAccount resolves the scope of the caller's own account: its id and
// its enabled regions (or the explicit list).
func SingleAccount(ctx context.Context, base aws.Config, explicitRegions []string) (Scope, error) {
	// The two calls are independent: run them together (one round trip
	// saved on every run).
	var (
		id          string
		regions     []string
		idErr, rErr error
		wg          sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		regions, rErr = EnabledRegions(ctx, ec2.NewFromConfig(base), explicitRegions)
	}()
	id, idErr = CallerAccount(ctx, base)
	wg.Wait()
	if idErr != nil {
		return Scope{}, idErr
	}
	if rErr != nil {
		var re *RegionError
		if errors.As(rErr, &re) {
			return Scope{}, rErr
		}
		return Scope{}, Wrap(id, base.Region, "ec2:DescribeRegions", rErr)
	}
	if len(regions) == 0 {
		return Scope{}, fmt.Errorf("account %s: no enabled region", id)
	}
	return Scope{Accounts: []Account{{ID: id, Base: base, Regions: regions}}}, nil
}

// AccountIDs lists the scope's account ids in order.
func (s Scope) AccountIDs() []string {
	out := make([]string, len(s.Accounts))
	for i, a := range s.Accounts {
		out[i] = a.ID
	}
	return out
}

// NoMatchError is a selection flag naming ids that match nothing in scope
// (a typo, or an id in an account or region not selected): checking
// nothing and passing would be a silent false "compliant".
type NoMatchError struct {
	Flag  string   // e.g. "--vpc-ids"
	IDs   []string // the ids that matched nothing
	Where string   // what was searched
}

func (e *NoMatchError) Error() string {
	return fmt.Sprintf("%s: %s matches nothing in %s", e.Flag, strings.Join(e.IDs, ", "), e.Where)
}
