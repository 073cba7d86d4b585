package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

func NewAppStack(scope constructs.Construct, id string) awscdk.Stack {
	stack := awscdk.NewStack(scope, &id, nil)

	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{
		MaxAzs:                       jsii.Number(2),
		RestrictDefaultSecurityGroup: jsii.Bool(false), // expect: DSG005
	})

	defaultSg := awsec2.SecurityGroup_FromSecurityGroupId(stack, jsii.String("Default"), vpc.VpcDefaultSecurityGroup(), nil)
	defaultSg.AddIngressRule(awsec2.Peer_AnyIpv4(), awsec2.Port_Tcp(jsii.Number(22)), nil, nil) // expect: DSG001

	awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{
		Vpc:            vpc,
		SecurityGroups: &[]awsec2.ISecurityGroup{defaultSg}, // expect: DSG002
	})

	awsec2.NewCfnInstance(stack, jsii.String("Box"), &awsec2.CfnInstanceProps{
		SecurityGroupIds: &[]*string{vpc.VpcDefaultSecurityGroup()}, // expect: DSG002
	})

	awscdk.NewCfnOutput(stack, jsii.String("DefaultSg"), &awscdk.CfnOutputProps{
		Value: vpc.VpcDefaultSecurityGroup(), // expect: DSG004
	})
	return stack
}
