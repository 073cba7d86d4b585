package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/spf13/cobra"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/exitcode"
	"github.com/defaultsg/defaultsg/internal/guard"
	"github.com/defaultsg/defaultsg/internal/iostreams"
	"github.com/defaultsg/defaultsg/internal/report"
)

// GuardHandleOptions are the inputs of `defaultsg guard handle`.
type GuardHandleOptions struct {
	IO        *iostreams.IOStreams
	AWSConfig func(context.Context) (aws.Config, error)

	Event    string // file ("-": stdin); "" in Lambda
	Output   string
	Mode     string
	TopicARN string
	// Backup is --backup s3://BUCKET/PREFIX/: records are also kept in S3.
	// Default: the function's environment (BUCKET and PREFIX variables).
	Backup string
	// RuntimeAPI is AWS_LAMBDA_RUNTIME_API: set, and without --event, the
	// command serves Lambda's runtime API until the sandbox ends.
	RuntimeAPI string
}

// NewCmdGuardHandle builds `guard handle`; runF, when not nil, replaces the
// run (tests).
func NewCmdGuardHandle(f *Factory, runF func(*GuardHandleOptions) error) *cobra.Command {
	opts := &GuardHandleOptions{IO: f.IO, AWSConfig: f.AWSConfig}
	cmd := &cobra.Command{
		Use:   "handle",
		Short: "Handle guard events: in Lambda, or one event from a file (--event)",
		Long: `The guard function's entry point. In Lambda (AWS_LAMBDA_RUNTIME_API set) it serves the
runtime API: each EventBridge event is checked and, when it added rules to a VPC default group,
those rules are written to a backup record (the function's log, and with a backup bucket an
S3 object, read back before anything is revoked) and revoked (--mode report: only notified). A CloudFormation custom resource request (the template's --lockdown) closes
every default group of the region.

With --event FILE it handles that one event here, with your credentials, and prints the
result: to test a deployment, or to replay an event from CloudTrail by hand. The backup record
goes to stderr, and with --backup s3://BUCKET/PREFIX/ also to
PREFIX/ACCOUNT/REGION/GROUP/EVENT-DIGEST.json in that bucket (written only if the key is free,
read back before the revoke; the bucket is reached in --region). Exit 6 when the event could
not be handled (an AWS error, access denied, a backup not kept: then nothing is revoked).
Flags default to the function's environment (` + guard.EnvMode + `, ` + guard.EnvTopicARN + `,
` + guard.EnvBackupBucket + ` and ` + guard.EnvBackupPrefix + `).`,
		Example: `  defaultsg guard handle --event event.json
  defaultsg guard handle --event event.json --backup s3://my-guard-backups/defaultsg-guard/
  defaultsg guard handle --event event.json --mode report -o json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.RuntimeAPI = os.Getenv("AWS_LAMBDA_RUNTIME_API")
			if runF != nil {
				return runF(opts)
			}
			return guardHandleRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Event, "event", "", "handle the EventBridge event (or bare CloudTrail record) in `FILE` (\"-\": stdin)")
	fl.StringVarP(&opts.Output, "output", "o", "text", "output format: text, json")
	completeWith(cmd, "output", "text", "json")
	fl.StringVar(&opts.Mode, "mode", envOr(guard.EnvMode, string(guard.Enforce)), "enforce or report")
	completeWith(cmd, "mode", string(guard.Enforce), string(guard.Report))
	fl.StringVar(&opts.TopicARN, "sns-topic-arn", os.Getenv(guard.EnvTopicARN), "notify this SNS topic")
	fl.StringVar(&opts.Backup, "backup", envBackupURL(), "also keep backup records in S3 under `s3://BUCKET/PREFIX/`")
	return cmd
}

// envBackupURL is the function's backup bucket and prefix as an s3:// URL
// ("" when no bucket is set).
func envBackupURL() string {
	bucket := os.Getenv(guard.EnvBackupBucket)
	if bucket == "" {
		return ""
	}
	return "s3://" + bucket + "/" + guard.NormalizePrefix(os.Getenv(guard.EnvBackupPrefix))
}

// parseGuardBackup reads --backup: a bucket and a prefix (a key is taken
// as a prefix: each record gets its own key under it).
func parseGuardBackup(raw string) (backup.S3Location, error) {
	loc, err := backup.ParseS3URL(raw)
	if err != nil {
		return loc, exitcode.Usagef(fmt.Errorf("--backup: %w (want s3://BUCKET/PREFIX/; records always go to the log too)", err))
	}
	return loc, nil
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func guardHandleRun(ctx context.Context, opts *GuardHandleOptions) error {
	mode, ok := guard.ParseMode(opts.Mode)
	if !ok {
		return exitcode.Usagef(fmt.Errorf("--mode %q: want enforce or report", opts.Mode))
	}
	if err := checkFormat(opts.Output, "text", "json"); err != nil {
		return err
	}
	if opts.Event == "" && opts.RuntimeAPI == "" {
		return exitcode.Usagef(fmt.Errorf("give --event FILE (outside Lambda there is no runtime API to read events from)"))
	}
	var s3loc *backup.S3Location
	if opts.Backup != "" {
		loc, err := parseGuardBackup(opts.Backup)
		if err != nil {
			return err
		}
		s3loc = &loc
	}
	cfg, err := opts.AWSConfig(ctx)
	if err != nil {
		return err
	}
	// In Lambda, stdout is the function's log; here, the record goes to
	// stderr and the result to stdout.
	logW := opts.IO.ErrOut
	if opts.Event == "" {
		logW = opts.IO.Out
	}
	var bw guard.BackupWriter = &guard.LogBackup{W: logW}
	if s3loc != nil {
		// The log first (it is always there), then S3; both before any
		// revoke. The bucket is reached in cfg's region (in Lambda the
		// function's); the account named in errors is each record's (the
		// event's), so no STS call is needed.
		bw = guard.Backups{bw, guard.S3Backup{Store: backup.S3Store{API: newS3Client(cfg), Region: cfg.Region},
			Bucket: s3loc.Bucket, Prefix: guard.NormalizePrefix(s3loc.Key)}}
	}
	h := &guard.Handler{Mode: mode, Backup: bw,
		EC2: func(region string) guard.EC2API {
			c := cfg
			if region != "" {
				c = awsx.ForRegion(cfg, region)
			}
			return ec2.NewFromConfig(c)
		}}
	if opts.TopicARN != "" {
		c := cfg
		if parts := strings.Split(opts.TopicARN, ":"); len(parts) > 3 && parts[3] != "" {
			c = awsx.ForRegion(cfg, parts[3]) // the topic's own region
		}
		h.Notifier = guard.SNSNotifier{API: sns.NewFromConfig(c), TopicARN: opts.TopicARN}
	}
	if opts.Event == "" {
		h.Log = opts.IO.Out
		lambda.StartWithOptions(func(ctx context.Context, raw json.RawMessage) (any, error) {
			res, err := handleRaw(ctx, h, raw)
			if lr, ok := res.(guard.LockdownResult); ok && lr.Answered {
				// CloudFormation has the outcome (and the log the details):
				// a retry would only run the lockdown again.
				return res, nil
			}
			return res, err
		}, lambda.WithContext(ctx))
		return nil
	}
	raw, err := readEvent(opts)
	if err != nil {
		return exitcode.Usagef(err)
	}
	res, err := handleRaw(ctx, h, raw)
	if perr := printGuardResult(opts, res); perr != nil {
		return perr
	}
	if err != nil {
		if r, ok := res.(guard.Result); ok && r.Action == guard.Failed && r.EventName == "" {
			return exitcode.Usagef(err) // an unreadable file
		}
		return exitcode.NewStatus(exitcode.Failed, "The event could not be handled: "+err.Error())
	}
	return nil
}

// handleRaw dispatches a raw event: a CloudFormation custom resource
// request (lockdown) or an EventBridge event.
func handleRaw(ctx context.Context, h *guard.Handler, raw []byte) (any, error) {
	if cr, ok := guard.AsCustomResource(raw); ok {
		return h.HandleCustomResource(ctx, cr, http.DefaultClient)
	}
	return h.HandleJSON(ctx, raw)
}

func readEvent(opts *GuardHandleOptions) ([]byte, error) {
	if opts.Event == "-" {
		return io.ReadAll(opts.IO.In)
	}
	b, err := os.ReadFile(opts.Event)
	if err != nil {
		return nil, fmt.Errorf("reading --event: %w", err)
	}
	return b, nil
}

func printGuardResult(opts *GuardHandleOptions, res any) error {
	if opts.Output == "json" {
		return report.WriteJSON(opts.IO.Out, res)
	}
	var results []guard.Result
	switch r := res.(type) {
	case guard.Result:
		results = []guard.Result{r}
	case guard.LockdownResult:
		results = r.Groups
		fmt.Fprintf(opts.IO.Out, "Lockdown of %d default group(s) in %s %s\n", len(r.Groups), r.Account, r.Region)
	}
	for _, r := range results {
		where := strings.TrimSpace(strings.Join([]string{r.GroupID, r.VpcID}, " "))
		fmt.Fprintf(opts.IO.Out, "%s: %s %s: %s\n", r.Action, r.EventName, where, r.Reason)
		for _, rule := range r.Rules {
			fmt.Fprintf(opts.IO.Out, "  %s %s\n", rule.RuleID, rule.Summary(r.GroupID))
		}
		for _, id := range r.Gone {
			fmt.Fprintf(opts.IO.Out, "  %s already gone\n", id)
		}
		if r.Error != "" {
			fmt.Fprintf(opts.IO.Out, "  error: %s\n", r.Error)
		}
	}
	return nil
}
