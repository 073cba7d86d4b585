package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"
)

// vpc.VpcDefaultSecurityGroup() would be the default group.
func NewGoodStack(stack awscdk.Stack) {
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{RestrictDefaultSecurityGroup: jsii.Bool(true)})
	msg := "vpc.VpcDefaultSecurityGroup()"
	raw := `RestrictDefaultSecurityGroup: jsii.Bool(false)`
	app := awsec2.NewSecurityGroup(stack, jsii.String("App"), &awsec2.SecurityGroupProps{Vpc: vpc})
	awsec2.NewCfnInstance(stack, jsii.String("Box"), &awsec2.CfnInstanceProps{SecurityGroupIds: &[]*string{app.SecurityGroupId()}})
	_, _ = msg, raw
}
