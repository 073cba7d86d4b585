package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/spf13/pflag"

	"github.com/defaultsg/defaultsg/internal/awsx"
	"github.com/defaultsg/defaultsg/internal/backup"
	"github.com/defaultsg/defaultsg/internal/exitcode"
)

// S3BackupOptions are the flags of a backup kept in S3 (close, restore).
type S3BackupOptions struct {
	Region string // "" = the run's home region
	KMSKey string // "" = the bucket's default encryption
}

func addS3BackupFlags(fl *pflag.FlagSet, o *S3BackupOptions, write bool) {
	fl.StringVar(&o.Region, "backup-region", "", "region of the S3 bucket of an s3:// backup (default: the home region, --region)")
	if write {
		fl.StringVar(&o.KMSKey, "backup-kms-key", "", "KMS key id or ARN to encrypt an s3:// backup with (default: the bucket's default encryption)")
	}
}

// s3BackupStore reads and writes s3:// backups with the caller's own
// credentials (the account running defaultsg, not the accounts it
// closes), in the bucket's region. Against a custom endpoint (the
// simulator, moto) requests are path-style: http://endpoint/BUCKET/KEY.
func s3BackupStore(ctx context.Context, awsConfig func(context.Context) (aws.Config, error), o S3BackupOptions) (backup.S3Store, error) {
	cfg, err := awsConfig(ctx)
	if err != nil {
		return backup.S3Store{}, err
	}
	if o.Region != "" {
		cfg = awsx.ForRegion(cfg, o.Region)
	}
	account, err := awsx.CallerAccount(ctx, cfg)
	if err != nil {
		return backup.S3Store{}, err
	}
	return backup.S3Store{API: newS3Client(cfg), Account: account, Region: cfg.Region, KMSKeyID: o.KMSKey}, nil
}

// newS3Client is an S3 client for cfg's region: path-style against a
// custom endpoint (the simulator, moto), which serve no virtual hosts.
// The SDK's "Response has no supported checksum" line (a GetObject answer
// without a checksum header, as the simulator gives) is not logged: the
// callers check what they read (a guard record is compared byte for byte,
// a close backup is verified after writing and validated when loaded), and
// the line would land in the output (in Lambda, among the records).
func newS3Client(cfg aws.Config) *s3.Client {
	custom := cfg.BaseEndpoint != nil || os.Getenv("AWS_ENDPOINT_URL") != "" || os.Getenv("AWS_ENDPOINT_URL_S3") != ""
	return s3.NewFromConfig(cfg, func(so *s3.Options) {
		so.UsePathStyle = custom
		so.DisableLogOutputChecksumValidationSkipped = true
	})
}

// checkS3Destination refuses, before anything is asked, an explicit s3://
// key that already holds an object, as close refuses an existing file. A
// check S3 does not answer (403 without s3:ListBucket) is reported and the
// run goes on: the conditional write refuses a taken key anyway.
func checkS3Destination(ctx context.Context, st backup.S3Store, dst backup.Destination, info func(string, ...any)) error {
	if dst.S3 == nil || dst.S3.Dir {
		return nil // a default name is numbered when taken
	}
	exists, err := st.Exists(ctx, dst.S3.Bucket, dst.S3.Key)
	switch {
	case err != nil && awsx.Classify(err) == awsx.ClassAccessDenied:
		info("cannot check whether %s exists (%v); the write will still refuse to replace an object\n", dst, err)
	case err != nil:
		return err
	case exists:
		return exitcode.Usagef(fmt.Errorf("%w: %s (give a new key, or a prefix ending in / to get a default name under it); nothing changed", backup.ErrExists, dst))
	}
	return nil
}
