package sim

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/defaultsg/defaultsg/internal/testutil"
)

const s3Scenario = `
regions: [us-east-1, eu-west-1]
accounts:
  - id: "111111111111"
    resources:
      us-east-1:
        s3_buckets: [{name: backups}]
      eu-west-1:
        s3_buckets: [{name: kms-backups, encryption: aws:kms, kms_key_id: "arn:aws:kms:eu-west-1:111111111111:key/k1"}]
  - id: "222222222222"
    resources:
      us-east-1:
        s3_buckets: [{name: theirs}]
`

func s3For(s *Server, account, region string) *s3.Client {
	return s3.NewFromConfig(sdkConfig(s, account, region), func(o *s3.Options) { o.UsePathStyle = true })
}

// TestS3ConditionalPut: the SDK's PutObject with IfNoneMatch "*" creates
// once, then 412 PreconditionFailed; GetObject and HeadObject read back the
// bytes, ETag and default encryption.
func TestS3ConditionalPut(t *testing.T) {
	s := startScenario(t, s3Scenario)
	api, cx := s3For(s, acct, "us-east-1"), ctxT(t)
	body := []byte(`{"schema":"x"}` + "\n")
	put := func(b []byte) (*s3.PutObjectOutput, error) {
		return api.PutObject(cx, &s3.PutObjectInput{Bucket: aws.String("backups"), Key: aws.String("a/b.json"),
			Body: bytes.NewReader(b), IfNoneMatch: aws.String("*"), ContentType: aws.String("application/json")})
	}
	out := must[*s3.PutObjectOutput](t)(put(body))
	if out.ServerSideEncryption != s3types.ServerSideEncryptionAes256 || aws.ToString(out.ETag) == "" {
		t.Errorf("put: sse %q etag %q", out.ServerSideEncryption, aws.ToString(out.ETag))
	}
	_, err := put([]byte("other"))
	wantCode(t, err, "PreconditionFailed")

	got := must[*s3.GetObjectOutput](t)(api.GetObject(cx, &s3.GetObjectInput{Bucket: aws.String("backups"), Key: aws.String("a/b.json")}))
	read, _ := io.ReadAll(got.Body)
	if !bytes.Equal(read, body) || aws.ToString(got.ETag) != aws.ToString(out.ETag) || aws.ToString(got.ContentType) != "application/json" {
		t.Errorf("get: %q etag %q type %q", read, aws.ToString(got.ETag), aws.ToString(got.ContentType))
	}
	head := must[*s3.HeadObjectOutput](t)(api.HeadObject(cx, &s3.HeadObjectInput{Bucket: aws.String("backups"), Key: aws.String("a/b.json")}))
	if aws.ToInt64(head.ContentLength) != int64(len(body)) || head.LastModified == nil {
		t.Errorf("head: length %d modified %v", aws.ToInt64(head.ContentLength), head.LastModified)
	}

	_, err = api.GetObject(cx, &s3.GetObjectInput{Bucket: aws.String("backups"), Key: aws.String("nope")})
	wantCode(t, err, "NoSuchKey")
	_, err = api.HeadObject(cx, &s3.HeadObjectInput{Bucket: aws.String("backups"), Key: aws.String("nope")})
	wantCode(t, err, "NotFound")
	_, err = api.GetObject(cx, &s3.GetObjectInput{Bucket: aws.String("missing-bucket"), Key: aws.String("k")})
	wantCode(t, err, "NoSuchBucket")
	_, err = s3For(s, "222222222222", "us-east-1").GetObject(cx, &s3.GetObjectInput{Bucket: aws.String("backups"), Key: aws.String("a/b.json")})
	wantCode(t, err, "AccessDenied")
	_, err = s3For(s, acct, "us-east-1").GetObject(cx, &s3.GetObjectInput{Bucket: aws.String("kms-backups"), Key: aws.String("k")})
	wantCode(t, err, "AuthorizationHeaderMalformed")
}

// TestS3Encryption: the bucket's default key applies unless the request
// names one.
func TestS3Encryption(t *testing.T) {
	s := startScenario(t, s3Scenario)
	api, cx := s3For(s, acct, "eu-west-1"), ctxT(t)
	out := must[*s3.PutObjectOutput](t)(api.PutObject(cx, &s3.PutObjectInput{Bucket: aws.String("kms-backups"), Key: aws.String("k"),
		Body: bytes.NewReader([]byte("x"))}))
	if out.ServerSideEncryption != s3types.ServerSideEncryptionAwsKms || aws.ToString(out.SSEKMSKeyId) != "arn:aws:kms:eu-west-1:111111111111:key/k1" {
		t.Errorf("default: %q %q", out.ServerSideEncryption, aws.ToString(out.SSEKMSKeyId))
	}
	out = must[*s3.PutObjectOutput](t)(api.PutObject(cx, &s3.PutObjectInput{Bucket: aws.String("kms-backups"), Key: aws.String("k2"),
		Body: bytes.NewReader([]byte("x")), ServerSideEncryption: s3types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String("alias/mine")}))
	if aws.ToString(out.SSEKMSKeyId) != "alias/mine" {
		t.Errorf("explicit key: %q", aws.ToString(out.SSEKMSKeyId))
	}
}

// TestS3BadDigest: a body that does not match its Content-MD5 is refused.
func TestS3BadDigest(t *testing.T) {
	s := startScenario(t, s3Scenario)
	_, err := s3For(s, acct, "us-east-1").PutObject(ctxT(t), &s3.PutObjectInput{Bucket: aws.String("backups"), Key: aws.String("k"),
		Body: bytes.NewReader([]byte("x")), ContentMD5: aws.String("AAAAAAAAAAAAAAAAAAAAAA==")})
	wantCode(t, err, "BadDigest")
}

func TestS3DuplicateBucketRefused(t *testing.T) {
	sc, err := ParseScenario([]byte(`
regions: [us-east-1]
accounts:
  - id: "111111111111"
    resources: {us-east-1: {s3_buckets: [{name: same}]}}
  - id: "222222222222"
    resources: {us-east-1: {s3_buckets: [{name: same}]}}
`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(sc); err == nil {
		t.Fatal("a bucket name declared twice was accepted")
	}
}

// TestS3AWSChunked: a streaming (aws-chunked) body is decoded and its
// trailing CRC32 checked, as the SDKs send it over TLS.
func TestS3AWSChunked(t *testing.T) {
	body := "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n"
	got, trailers, ok := decodeAWSChunked([]byte(body))
	if !ok || string(got) != "hello world" || trailers.Get("X-Amz-Checksum-Crc32") != "DUoRhQ==" {
		t.Fatalf("decoded %q %v %v", got, trailers, ok)
	}
	if _, _, ok := decodeAWSChunked([]byte("5\r\nhel")); ok {
		t.Error("a truncated body was accepted")
	}
	c := &call{Body: []byte(body), HTTP: &http.Request{Header: http.Header{"Content-Encoding": {"aws-chunked"}}}}
	if b, e := s3Body(c); e != nil || string(b) != "hello world" {
		t.Errorf("s3Body: %q %v", b, e)
	}
	c = &call{Body: []byte(strings.Replace(body, "DUoRhQ==", "AAAAAA==", 1)), HTTP: &http.Request{Header: http.Header{"Content-Encoding": {"aws-chunked"}}}}
	if _, e := s3Body(c); e == nil || e.Code != "BadDigest" {
		t.Errorf("wrong trailing CRC32: %v", e)
	}
}

// TestS3WithAWSCLI: botocore's own S3 client (AWS CLI v1, path-style
// against an IP endpoint) writes conditionally, is refused the second
// time, and reads back the same bytes.
func TestS3WithAWSCLI(t *testing.T) {
	awsBin := testutil.RequireTool(t, "aws")
	s := startScenario(t, s3Scenario)
	dir := t.TempDir()
	body := filepath.Join(dir, "b.json")
	if err := os.WriteFile(body, []byte(`{"backup":true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cli := func(args ...string) ([]byte, error) {
		cmd := exec.Command(awsBin, append([]string{"--endpoint-url", s.URL(), "--region", "us-east-1", "--output", "json", "s3api"}, args...)...)
		cmd.Env = []string{"PATH=" + getenv("PATH"), "HOME=" + dir, "AWS_ACCESS_KEY_ID=" + s.AccessKeyFor(acct),
			"AWS_SECRET_ACCESS_KEY=test-secret", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
			"AWS_EC2_METADATA_DISABLED=true"}
		return cmd.CombinedOutput()
	}
	put := []string{"put-object", "--bucket", "backups", "--key", "runs/b.json", "--body", body, "--if-none-match", "*"}
	if out, err := cli(put...); err != nil || !strings.Contains(string(out), `"ServerSideEncryption": "AES256"`) {
		t.Fatalf("put-object: %v\n%s", err, out)
	}
	if out, err := cli(put...); err == nil || !strings.Contains(string(out), "PreconditionFailed") {
		t.Fatalf("second put-object: %v\n%s", err, out)
	}
	got := filepath.Join(dir, "got.json")
	if out, err := cli("get-object", "--bucket", "backups", "--key", "runs/b.json", got); err != nil {
		t.Fatalf("get-object: %v\n%s", err, out)
	}
	if b, _ := os.ReadFile(got); string(b) != `{"backup":true}` {
		t.Fatalf("read back %q", b)
	}
}
