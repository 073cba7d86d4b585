package scan_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/defaultsg/defaultsg/internal/iac/model"
	"github.com/defaultsg/defaultsg/internal/iac/scan"
)

// genTree writes n files into dir, cycling through CloudFormation YAML,
// CDK-style JSON, Terraform, Terraform JSON and CDK app source (TypeScript,
// Python, Java, C# and Go in turn), 25 files per directory. About one in
// four references a default group, as in an unreformed estate. Every CDK
// source file names restrictDefaultSecurityGroup, so none is skipped by the
// byte pre-filter: the tokenizers run on all of them.
func genTree(dir string, n int) error {
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("team%03d", i/25))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		var name, body string
		switch i % 5 {
		case 4:
			name, body = genCDK(i)
		case 0:
			name, body = fmt.Sprintf("stack%05d.yaml", i), genCFNYAML(i)
		case 1:
			name, body = fmt.Sprintf("Stack%05d.template.json", i), genCFNJSON(i)
		case 2:
			name, body = fmt.Sprintf("main%05d.tf", i), genTF(i)
		case 3:
			name, body = fmt.Sprintf("extra%05d.tf.json", i), genTFJSON(i)
		}
		if err := os.WriteFile(filepath.Join(sub, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func pick(i int, def, other string) string {
	if i%16 < 4 {
		return def
	}
	return other
}

func genCFNYAML(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: generated stack %d\nParameters:\n  Env:\n    Type: String\n    Default: dev\nResources:\n", i)
	fmt.Fprintf(&b, "  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.%d.0.0/16\n      Tags:\n        - Key: Name\n          Value: !Sub \"${Env}-vpc-%d\"\n", i%250, i)
	for s := 0; s < 4; s++ {
		fmt.Fprintf(&b, "  Subnet%d:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: !Select [%d, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]\n", s, s)
	}
	b.WriteString("  AppSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: app\n      VpcId: !Ref Vpc\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 10.0.0.0/8\n")
	fmt.Fprintf(&b, "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n      Handler: index.handler\n      Role: arn:aws:iam::111111111111:role/fn\n      Code:\n        ZipFile: \"def handler(e, c): return %d\"\n      VpcConfig:\n        SubnetIds: [!Ref Subnet0, !Ref Subnet1]\n        SecurityGroupIds: [%s]\n",
		i, pick(i, "!GetAtt Vpc.DefaultSecurityGroup", "!Ref AppSg"))
	b.WriteString("Outputs:\n  VpcId:\n    Value: !Ref Vpc\n    Export:\n      Name: !Sub \"${AWS::StackName}-VpcId\"\n")
	return b.String()
}

func genCFNJSON(i int) string {
	sg := pick(i, `{"Fn::GetAtt": ["Vpc8378EB38", "DefaultSecurityGroup"]}`, `{"Fn::GetAtt": ["AppSg1A2B3C4D", "GroupId"]}`)
	var b strings.Builder
	b.WriteString("{\n \"Resources\": {\n")
	fmt.Fprintf(&b, "  \"Vpc8378EB38\": {\"Type\": \"AWS::EC2::VPC\", \"Properties\": {\"CidrBlock\": \"10.%d.0.0/16\"}, \"Metadata\": {\"aws:cdk:path\": \"S%d/Vpc/Resource\"}},\n", i%250, i)
	fmt.Fprintf(&b, "  \"VpcRestrictDefaultSecurityGroupCustomResourceC73DA2BE\": {\"Type\": \"Custom::VpcRestrictDefaultSG\", \"Properties\": {\"DefaultSecurityGroupId\": {\"Fn::GetAtt\": [\"Vpc8378EB38\", \"DefaultSecurityGroup\"]}, \"Account\": {\"Ref\": \"AWS::AccountId\"}}},\n")
	b.WriteString("  \"AppSg1A2B3C4D\": {\"Type\": \"AWS::EC2::SecurityGroup\", \"Properties\": {\"GroupDescription\": \"app\", \"VpcId\": {\"Ref\": \"Vpc8378EB38\"}}},\n")
	for s := 0; s < 6; s++ {
		fmt.Fprintf(&b, "  \"Service%d\": {\"Type\": \"AWS::ECS::Service\", \"Properties\": {\"Cluster\": \"c\", \"TaskDefinition\": \"t:%d\", \"NetworkConfiguration\": {\"AwsvpcConfiguration\": {\"Subnets\": [\"subnet-1\"], \"SecurityGroups\": [%s]}}}, \"Metadata\": {\"aws:cdk:path\": \"S%d/Service%d/Resource\"}},\n", s, s, sg, i, s)
	}
	b.WriteString("  \"CDKMetadata\": {\"Type\": \"AWS::CDK::Metadata\", \"Properties\": {\"Analytics\": \"v2:deflate64:H4sIAAAAAAAA\"}}\n }\n}\n")
	return b.String()
}

func genTF(i int) string {
	sg := pick(i, "aws_vpc.main.default_security_group_id", "aws_security_group.app.id")
	var b strings.Builder
	fmt.Fprintf(&b, "locals {\n  name = \"svc-%d\"\n  sgs  = [%s]\n}\n\n", i, sg)
	fmt.Fprintf(&b, "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.%d.0.0/16\"\n  tags       = { Name = local.name }\n}\n\n", i%250)
	b.WriteString("resource \"aws_default_security_group\" \"main\" {\n  vpc_id = aws_vpc.main.id\n}\n\n")
	b.WriteString("resource \"aws_security_group\" \"app\" {\n  name   = local.name\n  vpc_id = aws_vpc.main.id\n\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.0.0.0/8\"]\n  }\n}\n\n")
	for s := 0; s < 3; s++ {
		fmt.Fprintf(&b, "resource \"aws_instance\" \"web%d\" {\n  ami                    = \"ami-0123456789abcdef0\"\n  instance_type          = \"t3.micro\"\n  vpc_security_group_ids = local.sgs\n  tags                   = { Name = \"${local.name}-%d\" }\n}\n\n", s, s)
	}
	return b.String()
}

func genTFJSON(i int) string {
	sg := pick(i, "${aws_vpc.main.default_security_group_id}", "${aws_security_group.app.id}")
	return `{
  "resource": {
    "aws_lambda_function": {
      "fn` + strconv.Itoa(i) + `": {
        "function_name": "fn-` + strconv.Itoa(i) + `",
        "role": "arn:aws:iam::111111111111:role/fn",
        "runtime": "python3.12",
        "handler": "index.handler",
        "vpc_config": {"subnet_ids": ["subnet-1"], "security_group_ids": ["` + sg + `"]}
      }
    }
  }
}
`
}

// genCDK writes one CDK stack in one of the five languages; a quarter of
// them put the VPC's default group into a function's groups.
func genCDK(i int) (string, string) {
	def := i%16 < 4
	switch (i / 5) % 5 {
	case 0:
		sg := "app"
		if def {
			sg = "ec2.SecurityGroup.fromSecurityGroupId(this, 'D', vpc.vpcDefaultSecurityGroup)"
		}
		return fmt.Sprintf("stack%05d.ts", i), fmt.Sprintf(`import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

// Service %[1]d: one VPC, one function.
export class Service%[1]dStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, restrictDefaultSecurityGroup: true });
    const app = new ec2.SecurityGroup(this, 'App', { vpc, description: 'service %[1]d' });
    app.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(443), 'https');
    new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline("exports.handler = async () => 'ok %[1]d';"),
      vpc,
      securityGroups: [%[2]s],
    });
    new cdk.CfnOutput(this, 'VpcId', { value: vpc.vpcId });
  }
}
`, i, sg)
	case 1:
		sg := "app"
		if def {
			sg = "ec2.SecurityGroup.from_security_group_id(self, \"D\", vpc.vpc_default_security_group)"
		}
		return fmt.Sprintf("stack%05d.py", i), fmt.Sprintf(`from aws_cdk import CfnOutput, Stack, aws_ec2 as ec2, aws_lambda as _lambda
from constructs import Construct


class Service%[1]dStack(Stack):
    """Service %[1]d: one VPC, one function."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        vpc = ec2.Vpc(self, "Vpc", max_azs=2, restrict_default_security_group=True)
        app = ec2.SecurityGroup(self, "App", vpc=vpc, description="service %[1]d")
        app.add_ingress_rule(ec2.Peer.ipv4("10.0.0.0/8"), ec2.Port.tcp(443), "https")
        _lambda.Function(
            self,
            "Fn",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="index.handler",
            code=_lambda.Code.from_inline("def handler(e, c): return %[1]d"),
            vpc=vpc,
            security_groups=[%[2]s],
        )
        CfnOutput(self, "VpcId", value=vpc.vpc_id)
`, i, sg)
	case 2:
		sg := "app"
		if def {
			sg = "SecurityGroup.fromSecurityGroupId(this, \"D\", vpc.getVpcDefaultSecurityGroup())"
		}
		return fmt.Sprintf("Service%05dStack.java", i), fmt.Sprintf(`package com.example.service%[1]d;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.*;
import software.amazon.awscdk.services.lambda.*;
import software.constructs.Construct;

public class Service%[1]dStack extends Stack {
    public Service%[1]dStack(final Construct scope, final String id) {
        super(scope, id);
        Vpc vpc = Vpc.Builder.create(this, "Vpc").maxAzs(2).restrictDefaultSecurityGroup(true).build();
        SecurityGroup app = SecurityGroup.Builder.create(this, "App").vpc(vpc).description("service %[1]d").build();
        Function.Builder.create(this, "Fn")
                .runtime(Runtime.JAVA_21)
                .handler("example.Handler")
                .code(Code.fromAsset("target/fn.jar"))
                .vpc(vpc)
                .securityGroups(List.of(%[2]s))
                .build();
    }
}
`, i, sg)
	case 3:
		sg := "app"
		if def {
			sg = "SecurityGroup.FromSecurityGroupId(this, \"D\", vpc.VpcDefaultSecurityGroup)"
		}
		return fmt.Sprintf("Service%05dStack.cs", i), fmt.Sprintf(`using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Lambda;
using Constructs;

namespace Service%[1]d
{
    public class Service%[1]dStack : Stack
    {
        internal Service%[1]dStack(Construct scope, string id) : base(scope, id)
        {
            var vpc = new Vpc(this, "Vpc", new VpcProps { MaxAzs = 2, RestrictDefaultSecurityGroup = true });
            var app = new SecurityGroup(this, "App", new SecurityGroupProps { Vpc = vpc, Description = "service %[1]d" });
            new Function(this, "Fn", new FunctionProps
            {
                Runtime = Runtime.DOTNET_8,
                Handler = "Fn::Fn.Handler",
                Code = Code.FromAsset("src/Fn"),
                Vpc = vpc,
                SecurityGroups = new[] { %[2]s }
            });
        }
    }
}
`, i, sg)
	}
	sg := "app"
	if def {
		sg = "awsec2.SecurityGroup_FromSecurityGroupId(stack, jsii.String(\"D\"), vpc.VpcDefaultSecurityGroup(), nil)"
	}
	return fmt.Sprintf("service%05d.go", i), fmt.Sprintf(`package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
)

// NewService%[1]dStack: one VPC, one function.
func NewService%[1]dStack(app awscdk.App, id string) awscdk.Stack {
	stack := awscdk.NewStack(app, &id, nil)
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), RestrictDefaultSecurityGroup: jsii.Bool(true)})
	app := awsec2.NewSecurityGroup(stack, jsii.String("App"), &awsec2.SecurityGroupProps{Vpc: vpc})
	awslambda.NewFunction(stack, jsii.String("Fn"), &awslambda.FunctionProps{
		Runtime:        awslambda.Runtime_PROVIDED_AL2023(),
		Handler:        jsii.String("bootstrap"),
		Code:           awslambda.Code_FromAsset(jsii.String("fn"), nil),
		Vpc:            vpc,
		SecurityGroups: &[]awsec2.ISecurityGroup{%[2]s},
	})
	return stack
}
`, i, sg)
}

// TestGenerateTree writes a tree for bench/scan.sh when DSG_GEN_DIR is set.
func TestGenerateTree(t *testing.T) {
	dir := os.Getenv("DSG_GEN_DIR")
	if dir == "" {
		t.Skip("set DSG_GEN_DIR (and DSG_GEN_N) to generate a benchmark tree")
	}
	n, err := strconv.Atoi(os.Getenv("DSG_GEN_N"))
	if err != nil || n <= 0 {
		n = 10_000
	}
	if err := genTree(dir, n); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkScanTree(b *testing.B) {
	dir := b.TempDir()
	const n = 400
	if err := genTree(dir, n); err != nil {
		b.Fatal(err)
	}
	var bytes int64
	for b.Loop() {
		res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}, Limits: model.DefaultLimits()})
		if err != nil || len(res.Errors) > 0 || res.Files != n {
			b.Fatalf("err %v, %d files, errors %v", err, res.Files, res.Errors)
		}
		bytes = res.Bytes
	}
	b.SetBytes(bytes)
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// TestGeneratedTreeFindings keeps the generator honest: a quarter of the
// files reference a default group, every file parses, and each CDK
// language has its findings.
func TestGeneratedTreeFindings(t *testing.T) {
	dir := t.TempDir()
	if err := genTree(dir, 400); err != nil {
		t.Fatal(err)
	}
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}, Limits: model.DefaultLimits()})
	if err != nil || len(res.Errors) != 0 || res.Files != 400 {
		t.Fatalf("err %v files %d errors %v", err, res.Files, res.Errors)
	}
	if len(res.Findings) == 0 {
		t.Error("generated tree has no findings")
	}
	langs := map[string]bool{}
	for _, f := range res.Findings {
		langs[filepath.Ext(f.Pos.File)] = true
	}
	for _, ext := range []string{".ts", ".py", ".java", ".cs", ".go"} {
		if !langs[ext] {
			t.Errorf("no finding in the generated %s files", ext)
		}
	}
}
