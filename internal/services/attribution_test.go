package services_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/defaultsg/defaultsg/internal/services"
	"github.com/defaultsg/defaultsg/internal/services/ec2"
)

// Every service's interface signatures, in the registry's order, attribute
// each interface AWS documents to its owner.
func TestAttribute(t *testing.T) {
	own := "111111111111"
	cases := []struct {
		name         string
		eni          types.NetworkInterface
		resourceType string
		resourceID   string
		unattributed bool
	}{
		{"instance", types.NetworkInterface{OwnerId: aws.String(own), InterfaceType: "interface",
			Attachment: &types.NetworkInterfaceAttachment{InstanceId: aws.String("i-0abc"), InstanceOwnerId: aws.String(own)}},
			"EC2 instance", "i-0abc", false},
		{"lambda by description", types.NetworkInterface{InterfaceType: "lambda", RequesterId: aws.String("AROAXYZ:abc"),
			Description: aws.String("AWS Lambda VPC ENI-orders-api-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b")},
			"Lambda function", "orders-api", false},
		{"alb", types.NetworkInterface{RequesterManaged: aws.Bool(true), RequesterId: aws.String("amazon-elb"),
			Description: aws.String("ELB app/web/50dc6c495c0c9188")}, "Application Load Balancer", "app/web/50dc6c495c0c9188", false},
		{"classic elb", types.NetworkInterface{RequesterManaged: aws.Bool(true), RequesterId: aws.String("amazon-elb"),
			Description: aws.String("ELB legacy-web")}, "Classic Load Balancer", "legacy-web", false},
		{"rds", types.NetworkInterface{RequesterManaged: aws.Bool(true), RequesterId: aws.String("amazon-rds"),
			Description: aws.String("RDSNetworkInterface")}, "RDS database", "eni-1", true},
		{"endpoint", types.NetworkInterface{InterfaceType: "vpc_endpoint", RequesterManaged: aws.Bool(true),
			Description: aws.String("VPC Endpoint Interface vpce-0123abcd")}, "VPC endpoint", "vpce-0123abcd", false},
		{"efs", types.NetworkInterface{InterfaceType: "efs", Description: aws.String("EFS mount target for fs-12345678 (fsmt-87654321)")},
			"EFS mount target", "fsmt-87654321", false},
		{"codebuild", types.NetworkInterface{RequesterId: aws.String("AROAEXAMPLE:AWSCodeBuild-0b7e3f0c-1111-2222-3333-444455556666"),
			Description: aws.String("")}, "CodeBuild build", "0b7e3f0c-1111-2222-3333-444455556666", false},
		{"ecs", types.NetworkInterface{Description: aws.String("arn:aws:ecs:eu-west-1:111111111111:attachment/7d3b1a2c-aaaa-bbbb-cccc-0123456789ab")},
			"ECS task", "arn:aws:ecs:eu-west-1:111111111111:attachment/7d3b1a2c-aaaa-bbbb-cccc-0123456789ab", false},
		{"glue", types.NetworkInterface{Description: aws.String("Attached to Glue using role: arn:aws:iam::111111111111:role/glue")},
			"Glue job run", "arn:aws:iam::111111111111:role/glue", false},
		{"route 53 resolver endpoint", types.NetworkInterface{RequesterManaged: aws.Bool(true), InterfaceType: "interface",
			Description: aws.String("Route 53 Resolver: rslvr-out-9bb0d69b4dd94f918:rni-51f53f6ef7b6436f8")},
			"Route 53 Resolver endpoint", "rslvr-out-9bb0d69b4dd94f918", false},
		{"api gateway vpc link names no link", types.NetworkInterface{RequesterManaged: aws.Bool(true), InterfaceType: "api_gateway_managed"},
			"API Gateway VPC link", "eni-1", true},
		{"unattached user interface", types.NetworkInterface{InterfaceType: "interface"}, "Network interface (unattached)", "eni-1", false},
		// AWS and moto name the creating principal as the requester of a
		// user's own interface, and leave RequesterManaged false.
		{"user interface with its creator as requester", types.NetworkInterface{InterfaceType: "interface",
			RequesterId: aws.String("AIDAEXAMPLEUSERID1234"), RequesterManaged: aws.Bool(false)}, "Network interface (unattached)", "eni-1", false},
		{"role session interface", types.NetworkInterface{RequesterId: aws.String("AROAEXAMPLEROLEID123:ci-session")},
			"Network interface (unattached)", "eni-1", false},
		{"lambda by type only names no function", types.NetworkInterface{InterfaceType: "lambda", RequesterManaged: aws.Bool(true)},
			"Lambda function", "eni-1", true},
		{"instance in another account", types.NetworkInterface{OwnerId: aws.String(own),
			Attachment: &types.NetworkInterfaceAttachment{InstanceId: aws.String("i-0abc"), InstanceOwnerId: aws.String("999999999999")}},
			"Unattributed network interface", "eni-1", true},
		{"unknown managed", types.NetworkInterface{RequesterManaged: aws.Bool(true), RequesterId: aws.String("amazon-unknown"),
			Description: aws.String("something new")}, "Unattributed network interface", "eni-1", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.eni.NetworkInterfaceId == nil {
				c.eni.NetworkInterfaceId = aws.String("eni-1")
			}
			u := ec2.Attribute(services.Signatures(), c.eni)
			services.Describe(&u)
			if u.ResourceType != c.resourceType || u.ResourceID != c.resourceID || u.Unattributed != c.unattributed {
				t.Fatalf("got (%q, %q, unattributed=%t), want (%q, %q, %t)", u.ResourceType, u.ResourceID, u.Unattributed,
					c.resourceType, c.resourceID, c.unattributed)
			}
		})
	}
}
