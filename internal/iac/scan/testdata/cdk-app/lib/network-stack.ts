import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export class NetworkStack extends cdk.Stack {
  public readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    // The batch jobs still run in the default group: keep its rules for now.
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      restrictDefaultSecurityGroup: false,
    });

    new cdk.CfnOutput(this, 'DefaultSecurityGroupId', {
      value: this.vpc.vpcDefaultSecurityGroup,
      exportName: 'shop-default-sg',
    });
  }
}
