package e2e

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// motoCheck fails the test when a seeding call to moto fails.
func motoCheck(t *testing.T) func(what string, err error) {
	return func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("moto: %s: %v", what, err)
		}
	}
}

// lambdaRole creates, in moto, a role Lambda may assume, and returns its ARN.
func lambdaRole(t *testing.T, cfg aws.Config, name string) *string {
	t.Helper()
	role, err := iam.NewFromConfig(cfg).CreateRole(ctx(t), &iam.CreateRoleInput{RoleName: str(name),
		AssumeRolePolicyDocument: str(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)})
	motoCheck(t)("CreateRole "+name, err)
	return role.Role.Arn
}

// handlerZip is a one-file Python function package.
func handlerZip() []byte {
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("index.py")
	_, _ = w.Write([]byte("def handler(e, c):\n    return 1\n"))
	_ = zw.Close()
	return zipped.Bytes()
}
