import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';

// Never write vpc.vpcDefaultSecurityGroup into securityGroups: [...]
/* restrictDefaultSecurityGroup: false was the old setting */
export class GoodStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const vpc = new ec2.Vpc(this, 'Vpc', { restrictDefaultSecurityGroup: true });
    const note = 'vpc.vpcDefaultSecurityGroup is closed by EC2.2';
    const tpl = `securityGroups: [vpc.vpcDefaultSecurityGroup]`;
    const re = /vpc\.vpcDefaultSecurityGroup/g;
    const keyOnly = { vpcDefaultSecurityGroup: 'not a member access' };
    const app = new ec2.SecurityGroup(this, 'App', { vpc, allowAllOutbound: false });
    new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => "vpc.vpcDefaultSecurityGroup";'),
      vpc,
      securityGroups: [app],
    });
    new cdk.CfnOutput(this, 'AppSg', { value: app.securityGroupId });
    console.log(note, tpl, re, keyOnly);
  }
}
