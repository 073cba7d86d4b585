package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	sh "github.com/aws/aws-sdk-go-v2/service/securityhub"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/inventory"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/securityhub"
)

// SecurityHubOptions are --from-securityhub (scope a command to the default
// groups Security Hub reports EC2.2 FAILED) and --securityhub-region (read
// the findings in one aggregation region instead of in each account-region).
type SecurityHubOptions struct {
	From   bool
	Region string

	// org: with --org, an aggregation region is read once with the caller's
	// own credentials (the delegated administrator's), not per account.
	org  bool
	base func(ctx context.Context) (aws.Config, error)
	// NewAPI builds the client (tests replace it).
	NewAPI func(aws.Config) securityhub.API
}

func newSecurityHubOptions(f *Factory) SecurityHubOptions {
	return SecurityHubOptions{base: f.AWSConfig, NewAPI: func(c aws.Config) securityhub.API { return sh.NewFromConfig(c) }}
}

// addSecurityHubFlags adds --from-securityhub (when from) and
// --securityhub-region; org is read from the global flags when the command
// runs.
func addSecurityHubFlags(cmd *cobra.Command, f *Factory, o *SecurityHubOptions, from bool) {
	if from {
		cmd.Flags().BoolVar(&o.From, "from-securityhub", false, "only the default groups Security Hub reports FAILED for EC2.2 (groups it does not list are shown, not changed)")
	}
	cmd.Flags().StringVar(&o.Region, "securityhub-region", "", "read Security Hub findings in this aggregation region (with --org: once, as the caller, the delegated administrator) instead of in each account-region")
	prev := cmd.PreRunE
	cmd.PreRunE = func(c *cobra.Command, args []string) error {
		o.org = f.Global.Org
		if o.Region != "" && !regionName.MatchString(o.Region) {
			return exitcode.Usagef(fmt.Errorf("--securityhub-region %q is not a region name", o.Region))
		}
		if prev != nil {
			return prev(c, args)
		}
		return nil
	}
}

var regionName = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)

// readFindings reads Security Hub's EC2.2 findings on the default groups of
// scope. Where Security Hub is not enabled the account/region is listed in
// notEnabled; any other error (AccessDenied above all) fails the run: an
// unreadable Security Hub must never look like "nothing FAILED".
func (o SecurityHubOptions) readFindings(ctx context.Context, scope Scope, q securityhub.Query) (findings []securityhub.Finding, notEnabled []string, source string, err error) {
	inScope := map[string]bool{}
	for _, u := range scope.Units() {
		inScope[u.Account+"/"+u.Region] = true
	}
	keep := func(fs []securityhub.Finding) {
		for _, f := range fs {
			if inScope[f.Account+"/"+f.Region] {
				findings = append(findings, f)
			}
		}
	}
	switch {
	case o.Region != "" && o.org:
		source = "aggregation region " + o.Region + " (caller's credentials)"
		cfg, err := o.base(ctx)
		if err != nil {
			return nil, nil, "", err
		}
		fs, err := securityhub.Read(ctx, o.NewAPI(awsx.ForRegion(cfg, o.Region)), awsx.Unit{Account: "caller", Region: o.Region}, q)
		if err != nil {
			return nil, nil, "", securityHubError(err)
		}
		keep(fs)
	case o.Region != "":
		source = "aggregation region " + o.Region
		for _, id := range scope.AccountIDs() {
			cfg, _ := scope.Config(id, o.Region)
			aq := q
			aq.Account = id
			fs, err := securityhub.Read(ctx, o.NewAPI(cfg), awsx.Unit{Account: id, Region: o.Region}, aq)
			if err != nil {
				return nil, nil, "", securityHubError(err)
			}
			keep(fs)
		}
	default:
		source = "each account-region"
		type read struct {
			fs         []securityhub.Finding
			notEnabled bool
		}
		units := scope.Units()
		reads, err := awsx.Run(ctx, scope.Concurrency, units, func(ctx context.Context, _ int, u awsx.Unit) (read, error) {
			cfg, _ := scope.Config(u.Account, u.Region)
			uq := q
			uq.Account, uq.Region = u.Account, u.Region
			fs, err := securityhub.Read(ctx, o.NewAPI(cfg), u, uq)
			if errors.Is(err, securityhub.ErrNotEnabled) {
				return read{notEnabled: true}, nil
			}
			return read{fs: fs}, err
		})
		if err != nil {
			return nil, nil, "", securityHubError(err)
		}
		for i, r := range reads {
			if r.notEnabled {
				notEnabled = append(notEnabled, units[i].Account+"/"+units[i].Region)
			}
			keep(r.fs)
		}
	}
	return findings, notEnabled, source, nil
}

// securityHubError adds what to do to a denied or disabled Security Hub.
func securityHubError(err error) error {
	switch {
	case errors.Is(err, securityhub.ErrNotEnabled):
		return fmt.Errorf("%w\nSecurity Hub is not enabled there: enable it, or name the aggregation region with --securityhub-region", err)
	case awsx.Classify(err) == awsx.ClassAccessDenied:
		return fmt.Errorf("%w\nSecurity Hub's findings could not be read, so no scope was taken: allow securityhub:GetFindings (defaultsg iam-policy --securityhub)", err)
	}
	return err
}

// narrow applies --from-securityhub: it reads the default groups the
// user's filter selects and Security Hub's FAILED EC2.2 findings, shows
// where they disagree, and returns the filter of the groups both name.
// Without --from-securityhub it returns filter unchanged and no comparison.
func (o SecurityHubOptions) narrow(ctx context.Context, ios *iostreams.IOStreams, scope Scope, filter inventory.Filter) (inventory.Filter, *securityhub.Comparison, error) {
	if !o.From {
		return filter, nil, nil
	}
	reads, err := inventory.ReadAll(ctx, scope.Scope, scope.Concurrency, filter, newEC2, nil)
	if err != nil {
		return filter, nil, selectionError(err)
	}
	findings, notEnabled, source, err := o.readFindings(ctx, scope, securityhub.Query{FailedOnly: true})
	if err != nil {
		return filter, nil, err
	}
	var groups []inventory.Group
	read := map[string]bool{}
	var unread []string
	for _, r := range reads {
		if r.Problem != nil {
			unread = append(unread, r.Account+"/"+r.Region)
			continue
		}
		read[r.Account+"/"+r.Region] = true
		groups = append(groups, r.Groups...)
	}
	filtered := len(filter.VpcIDs)+len(filter.GroupIDs) > 0
	c := securityhub.Compare(source, groups, findings, notEnabled, filtered, func(a, r string) bool { return read[a+"/"+r] })
	by := c.ByRegion()
	// A region whose groups could not be read keeps Security Hub's FAILED
	// groups in scope: read again, it fails again and is reported, never
	// dropped.
	for _, f := range findings {
		if k := f.Account + "/" + f.Region; !read[k] && !filtered {
			by[k] = append(by[k], f.GroupID)
		}
	}
	writeComparison(ios.ErrOut, c, unread)
	return inventory.Filter{ByRegion: by}, &c, nil
}

// writeComparison says which groups --from-securityhub took and which it
// did not, and why.
func writeComparison(w io.Writer, c securityhub.Comparison, unread []string) {
	fmt.Fprintf(w, "Security Hub (EC2.2, read in %s): %d default groups FAILED and in scope.\n", c.Source, len(c.InScope))
	list := func(gs []securityhub.Group) string {
		s := make([]string, len(gs))
		for i, g := range gs {
			s[i] = g.Account + "/" + g.Region + "/" + g.GroupID
		}
		return listOrNone(s)
	}
	if len(c.ListedButCompliant) > 0 {
		fmt.Fprintf(w, "  FAILED in Security Hub but without rules now (not yet re-evaluated; in scope): %s\n", list(c.ListedButCompliant))
	}
	if len(c.NotListed) > 0 {
		fmt.Fprintf(w, "  Non-compliant now but not FAILED in Security Hub (not evaluated yet, suppressed or not enabled; NOT in scope): %s\n", list(c.NotListed))
	}
	if len(c.ListedNotFound) > 0 {
		fmt.Fprintf(w, "  FAILED in Security Hub but not a default group now (deleted VPC?): %s\n", list(c.ListedNotFound))
	}
	if len(c.NotEnabled) > 0 {
		fmt.Fprintf(w, "  Security Hub not enabled in: %s\n", strings.Join(c.NotEnabled, ", "))
	}
	if len(unread) > 0 {
		fmt.Fprintf(w, "  Default groups not read in: %s (their FAILED groups stay in scope)\n", strings.Join(unread, ", "))
	}
}
