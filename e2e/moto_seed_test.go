package e2e

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
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

// motoVPC is moto's default VPC as the mover tests seed it.
type motoVPC struct {
	ID      string   // the default VPC
	Default string   // its default group
	Web     string   // a group "web" created in it
	Subnets []string // its subnets, in moto's order
}

// seedMotoVPC finds moto's default VPC and its default group, creates a
// group "web" in it and lists its subnets.
func seedMotoVPC(t *testing.T, cfg aws.Config) motoVPC {
	t.Helper()
	cx, check := ctx(t), motoCheck(t)
	ec := ec2.NewFromConfig(cfg)
	vpcs, err := ec.DescribeVpcs(cx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: str("is-default"), Values: []string{"true"}}}})
	check("DescribeVpcs", err)
	v := motoVPC{ID: aws.ToString(vpcs.Vpcs[0].VpcId)}
	v.Default = defaultGroup(t, ec, v.ID)
	g, err := ec.CreateSecurityGroup(cx, &ec2.CreateSecurityGroupInput{GroupName: str("web"), Description: str("web"), VpcId: &v.ID})
	check("CreateSecurityGroup", err)
	v.Web = aws.ToString(g.GroupId)
	subnets, err := ec.DescribeSubnets(cx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: str("vpc-id"), Values: []string{v.ID}}}})
	check("DescribeSubnets", err)
	for _, sn := range subnets.Subnets {
		v.Subnets = append(v.Subnets, aws.ToString(sn.SubnetId))
	}
	return v
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
