package testutil

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// FakeS3 is an in-memory S3 (PutObject, GetObject, HeadObject) for tests.
// It keeps objects under "BUCKET/KEY" and honours If-None-Match: *, as S3
// does.
type FakeS3 struct {
	Objects map[string][]byte
	Puts    []*s3.PutObjectInput // every put, in order
	Gets    int                  // GetObject calls
	// Tamper changes what GetObject returns.
	Tamper func([]byte) []byte
	// PutErr fails every put.
	PutErr error
	// LostAnswer stores the object, then answers 412 as S3 answers the
	// SDK's retry of a put whose first answer was lost.
	LostAnswer bool
	// NoHead fails HeadObject: the code under test has no need of it.
	NoHead bool
}

// NewFakeS3 is an empty FakeS3.
func NewFakeS3() *FakeS3 { return &FakeS3{Objects: map[string][]byte{}} }

// S3Error is the error the SDK returns for an S3 answer with this HTTP
// status and error code.
func S3Error(status int, code string) error {
	return &smithy.OperationError{ServiceID: "S3", OperationName: "op", Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status, Header: http.Header{}}},
			Err: &smithy.GenericAPIError{Code: code, Message: code}}}}
}

func (f *FakeS3) PutObject(_ context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	f.Puts = append(f.Puts, in)
	if f.PutErr != nil {
		return nil, f.PutErr
	}
	k := aws.ToString(in.Bucket) + "/" + aws.ToString(in.Key)
	if _, ok := f.Objects[k]; ok && aws.ToString(in.IfNoneMatch) == "*" {
		return nil, S3Error(http.StatusPreconditionFailed, "PreconditionFailed")
	}
	b, _ := io.ReadAll(in.Body)
	f.Objects[k] = b
	if f.LostAnswer {
		return nil, S3Error(http.StatusPreconditionFailed, "PreconditionFailed")
	}
	return &s3.PutObjectOutput{}, nil
}

func (f *FakeS3) GetObject(_ context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	f.Gets++
	b, ok := f.Objects[aws.ToString(in.Bucket)+"/"+aws.ToString(in.Key)]
	if !ok {
		return nil, S3Error(http.StatusNotFound, "NoSuchKey")
	}
	if f.Tamper != nil {
		b = f.Tamper(b)
	}
	return &s3.GetObjectOutput{Body: io.NopCloser(bytes.NewReader(b)), ContentLength: aws.Int64(int64(len(b)))}, nil
}

func (f *FakeS3) HeadObject(_ context.Context, in *s3.HeadObjectInput, _ ...func(*s3.Options)) (*s3.HeadObjectOutput, error) {
	if f.NoHead {
		return nil, errors.New("HeadObject called on a FakeS3 with NoHead")
	}
	if _, ok := f.Objects[aws.ToString(in.Bucket)+"/"+aws.ToString(in.Key)]; !ok {
		return nil, S3Error(http.StatusNotFound, "NotFound")
	}
	return &s3.HeadObjectOutput{}, nil
}
