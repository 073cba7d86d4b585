import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export class NetworkStack extends cdk.Stack {
  public readonly defaultGroup: ec2.ISecurityGroup;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      restrictDefaultSecurityGroup: false, // expect: DSG005
    });

    this.defaultGroup = ec2.SecurityGroup.fromSecurityGroupId(this, 'DefaultSg', vpc.vpcDefaultSecurityGroup);
    this.defaultGroup.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(443)); // expect: DSG001

    new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      vpc,
      securityGroups: [this.defaultGroup], // expect: DSG002
    });

    new ec2.CfnInstance(this, 'Bastion', {
      imageId: 'ami-12345678',
      securityGroupIds: [vpc.vpcDefaultSecurityGroup], // expect: DSG002
    });

    new ec2.CfnSecurityGroupIngress(this, 'Loopback', {
      groupId: vpc.vpcDefaultSecurityGroup, // expect: DSG001
      ipProtocol: '-1',
      cidrIp: '127.0.0.1/32',
    });

    const db = new ec2.SecurityGroup(this, 'Db', { vpc });
    db.addIngressRule(ec2.Peer.securityGroupId(vpc.vpcDefaultSecurityGroup), ec2.Port.tcp(5432)); // expect: DSG003

    new cdk.CfnOutput(this, 'DefaultSecurityGroupId', {
      value: vpc.vpcDefaultSecurityGroup, // expect: DSG004
      exportName: 'network-default-sg',
    });

    new iam.PolicyStatement({
      actions: ['ec2:RevokeSecurityGroupIngress'],
      resources: [`arn:aws:ec2:${this.region}:${this.account}:security-group/${vpc.vpcDefaultSecurityGroup}`], // expect: DSG010
    });
  }
}
