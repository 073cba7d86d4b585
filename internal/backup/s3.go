package backup

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/defaultsg/defaultsg/internal/awsx"
)

// S3API is what a backup in S3 needs; *s3.Client satisfies it.
type S3API interface {
	PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	GetObject(ctx context.Context, in *s3.GetObjectInput, opts ...func(*s3.Options)) (*s3.GetObjectOutput, error)
	HeadObject(ctx context.Context, in *s3.HeadObjectInput, opts ...func(*s3.Options)) (*s3.HeadObjectOutput, error)
}

// S3Store reads and writes backup objects. Account and Region only name
// where an error happened; KMSKeyID, when set, encrypts new objects with
// that key instead of the bucket's default encryption.
type S3Store struct {
	API             S3API
	Account, Region string
	KMSKeyID        string
}

// PutS3 stores body at bucket/key unless an object is already there:
// the write is conditional (If-None-Match: *), so S3 itself refuses to
// replace an object, also one another writer created a moment earlier.
// A taken key is ErrExists.
func PutS3(ctx context.Context, api S3API, bucket, key string, body []byte) error {
	return S3Store{API: api}.Put(ctx, bucket, key, body)
}

// GetS3 reads the object at bucket/key (at most maxSize bytes).
func GetS3(ctx context.Context, api S3API, bucket, key string) ([]byte, error) {
	return S3Store{API: api}.Get(ctx, bucket, key)
}

// Put is PutS3 with the store's encryption and error context.
func (s S3Store) Put(ctx context.Context, bucket, key string, body []byte) error {
	in := &s3.PutObjectInput{
		Bucket:        aws.String(bucket),
		Key:           aws.String(key),
		Body:          bytes.NewReader(body),
		ContentLength: aws.Int64(int64(len(body))),
		ContentType:   aws.String("application/json"),
		IfNoneMatch:   aws.String("*"),
	}
	if s.KMSKeyID != "" {
		in.ServerSideEncryption = s3types.ServerSideEncryptionAwsKms
		in.SSEKMSKeyId = aws.String(s.KMSKeyID)
	}
	_, err := s.API.PutObject(ctx, in)
	if err == nil {
		return nil
	}
	if awsx.ErrorCode(err) == "PreconditionFailed" || httpStatus(err) == http.StatusPreconditionFailed {
		return fmt.Errorf("%w: %s", ErrExists, S3Location{Bucket: bucket, Key: key})
	}
	return s.wrap("PutObject", bucket, key, err)
}

// Get reads bucket/key, refusing an object larger than a backup can be.
func (s S3Store) Get(ctx context.Context, bucket, key string) ([]byte, error) {
	out, err := s.API.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return nil, s.wrap("GetObject", bucket, key, err)
	}
	defer out.Body.Close()
	if n := aws.ToInt64(out.ContentLength); n > maxSize {
		return nil, fmt.Errorf("%w: %s is %d bytes, more than a backup can be (%d)", ErrInvalid, S3Location{Bucket: bucket, Key: key}, n, maxSize)
	}
	data, err := io.ReadAll(io.LimitReader(out.Body, maxSize+1))
	if err != nil {
		return nil, s.wrap("GetObject", bucket, key, err)
	}
	if len(data) > maxSize {
		return nil, fmt.Errorf("%w: %s is more than %d bytes", ErrInvalid, S3Location{Bucket: bucket, Key: key}, maxSize)
	}
	return data, nil
}

// Exists reports whether bucket/key holds an object. Without
// s3:ListBucket, S3 answers 403 for a key that does not exist: that is
// an error here, for the caller to report (the conditional write still
// refuses a taken key).
func (s S3Store) Exists(ctx context.Context, bucket, key string) (bool, error) {
	_, err := s.API.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	var nf *s3types.NotFound
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &nf) || httpStatus(err) == http.StatusNotFound && awsx.ErrorCode(err) != "NoSuchBucket":
		return false, nil
	}
	return false, s.wrap("HeadObject", bucket, key, err)
}

// wrap names account, region, operation and object, and says what to do
// about the errors a user can fix.
func (s S3Store) wrap(op, bucket, key string, err error) error {
	where := S3Location{Bucket: bucket, Key: key}.String()
	err = awsx.Wrap(s.Account, s.Region, "s3:"+op+" "+where, err)
	switch {
	case awsx.Classify(err) == awsx.ClassAccessDenied:
		return fmt.Errorf("%w (the backup needs s3:PutObject and s3:GetObject on arn:aws:s3:::%s/%s%s; see 'defaultsg iam-policy')", err, bucket, key, s.kmsHint())
	case awsx.ErrorCode(err) == "NoSuchBucket":
		return fmt.Errorf("%w (bucket %s does not exist or is not visible to account %s)", err, bucket, s.Account)
	case bucketRegion(err) != "" && bucketRegion(err) != s.Region, awsx.ErrorCode(err) == "AuthorizationHeaderMalformed",
		awsx.ErrorCode(err) == "PermanentRedirect", httpStatus(err) == http.StatusMovedPermanently:
		hint := "pass --backup-region with the bucket's region"
		if r := bucketRegion(err); r != "" {
			hint = "the bucket is in " + r + ": pass --backup-region " + r
		}
		return fmt.Errorf("%w (%s)", err, hint)
	}
	return err
}

func (s S3Store) kmsHint() string {
	if s.KMSKeyID == "" {
		return ""
	}
	return ", and kms:GenerateDataKey and kms:Decrypt on " + s.KMSKeyID
}

func httpStatus(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}

// bucketRegion is the region S3 names (x-amz-bucket-region) in an answer
// to a request signed for the wrong one; a HEAD answer has no body, so
// this header is all it says.
func bucketRegion(err error) string {
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.Header.Get("X-Amz-Bucket-Region")
	}
	return ""
}

// S3Location is an s3://bucket/key address. Dir is set for a prefix that
// ends in "/": the default name is appended, as for a directory.
type S3Location struct {
	Bucket, Key string
	Dir         bool
}

func (l S3Location) String() string { return "s3://" + l.Bucket + "/" + l.Key }

// ARN is the object's (or, for Dir, the prefix's objects') IAM resource.
func (l S3Location) ARN() string {
	if l.Dir {
		return "arn:aws:s3:::" + l.Bucket + "/" + l.Key + "*"
	}
	return "arn:aws:s3:::" + l.Bucket + "/" + l.Key
}

// IsS3URL reports whether a --backup value or a restore argument names S3.
func IsS3URL(s string) bool { return strings.HasPrefix(s, "s3://") }

// ParseS3URL reads s3://bucket/key or s3://bucket/prefix/ (or s3://bucket,
// the bucket's top level, also a "directory").
func ParseS3URL(raw string) (S3Location, error) {
	rest, ok := strings.CutPrefix(raw, "s3://")
	if !ok {
		return S3Location{}, fmt.Errorf("%q is not an s3:// URL", raw)
	}
	bucket, key, _ := strings.Cut(rest, "/")
	if !validBucket(bucket) {
		return S3Location{}, fmt.Errorf("%s: bucket name %q is not valid (3-63 lower-case letters, digits, dots and hyphens)", raw, bucket)
	}
	if strings.ContainsAny(key, "?#") || strings.Contains("/"+key, "//") && key != "" {
		return S3Location{}, fmt.Errorf("%s: the key must not contain '?', '#' or an empty path segment", raw)
	}
	if len(key) > 1024 {
		return S3Location{}, fmt.Errorf("%s: key longer than S3's 1024 bytes", raw)
	}
	return S3Location{Bucket: bucket, Key: key, Dir: key == "" || strings.HasSuffix(key, "/")}, nil
}

func validBucket(n string) bool {
	if len(n) < 3 || len(n) > 63 {
		return false
	}
	for _, r := range n {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	first, last := n[0], n[len(n)-1]
	return first != '.' && first != '-' && last != '.' && last != '-'
}

// WriteS3 stores d at loc through st, never replacing an object, then
// reads it back and verifies it: the same bytes (SHA-256), a valid
// document, the same groups. For a Dir location the default name is used,
// numbered -2, -3, … when taken. It returns the URL written. Callers must
// not change AWS if WriteS3 fails.
func WriteS3(ctx context.Context, st S3Store, loc S3Location, name string, d *Document) (string, error) {
	data, err := seal(d)
	if err != nil {
		return "", err
	}
	key := loc.Key
	if loc.Dir {
		key += name
	}
	written := key
	for i := 2; ; i++ {
		err = st.Put(ctx, loc.Bucket, written, data)
		if err == nil || errors.Is(err, ErrExists) && st.holds(ctx, loc.Bucket, written, data) {
			break
		}
		if !errors.Is(err, ErrExists) || !loc.Dir || i > 100 {
			return "", fmt.Errorf("backup not written, nothing changed: %w", err)
		}
		written = strings.TrimSuffix(key, ".json") + fmt.Sprintf("-%d.json", i)
	}
	url := S3Location{Bucket: loc.Bucket, Key: written}.String()
	back, err := st.Get(ctx, loc.Bucket, written)
	if err != nil {
		return "", fmt.Errorf("backup %s could not be read back, nothing changed: %w", url, err)
	}
	if sha256.Sum256(back) != sha256.Sum256(data) {
		return "", fmt.Errorf("backup %s reads back different from what was written (%d bytes written, %d read), nothing changed", url, len(data), len(back))
	}
	doc, err := Parse(back)
	if err != nil {
		return "", fmt.Errorf("backup %s failed verification after writing, nothing changed: %w", url, err)
	}
	if !groupsEqual(doc.Groups, d.Groups) {
		return "", fmt.Errorf("backup %s reads back different from what was written, nothing changed", url)
	}
	return url, nil
}

// holds reports whether bucket/key holds exactly data. A conditional put
// whose answer was lost is retried by the SDK and refused (412) because of
// its own first attempt: the object is then ours, byte for byte.
func (s S3Store) holds(ctx context.Context, bucket, key string, data []byte) bool {
	got, err := s.Get(ctx, bucket, key)
	return err == nil && bytes.Equal(got, data)
}

// ReadS3 reads the object that should hold a backup, refusing a prefix.
func ReadS3(ctx context.Context, st S3Store, loc S3Location) ([]byte, error) {
	if loc.Dir {
		return nil, fmt.Errorf("%w: %s names a prefix, not a backup object", ErrInvalid, loc)
	}
	return st.Get(ctx, loc.Bucket, loc.Key)
}

// LoadS3 reads and validates a backup object.
func LoadS3(ctx context.Context, st S3Store, loc S3Location) (*Document, error) {
	data, err := ReadS3(ctx, st, loc)
	if err != nil {
		return nil, err
	}
	d, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", loc, err)
	}
	return d, nil
}
