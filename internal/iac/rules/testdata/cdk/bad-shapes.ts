import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

// Shapes seen in public CDK apps, written afresh.
export class ShapesStack extends Stack {
  public readonly sharedGroupId: string;
  public readonly taskProps: Record<string, unknown>;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc');
    const jump = new ec2.SecurityGroup(this, 'Jump', { vpc });

    // L1 instance with an inline network interface.
    new ec2.CfnInstance(this, 'JumpHost', {
      imageId: 'ami-12345678',
      networkInterfaces: [{
        deviceIndex: '0',
        groupSet: [jump.securityGroupId, vpc.vpcDefaultSecurityGroup], // expect: DSG002
        subnetId: vpc.publicSubnets[0].subnetId,
      }],
    });

    // Kept on the stack for other stacks to read.
    this.sharedGroupId = vpc.vpcDefaultSecurityGroup; // expect: DSG002

    // A props bag handed to a pattern later.
    this.taskProps = {
      vpc,
      subnets: vpc.privateSubnets,
      securityGroups: [vpc.vpcDefaultSecurityGroup], // expect: DSG002
    };

    // Published for other teams through SSM.
    new ssm.StringParameter(this, 'DefaultSgParam', {
      parameterName: '/network/default-sg',
      stringValue: vpc.vpcDefaultSecurityGroup, // expect: DSG002
    });

    new CfnOutput(this, 'VpcDefaultSecurityGroup', {
      value: vpc.vpcDefaultSecurityGroup // expect: DSG004
    });

    // A peer through the connections API.
    jump.connections.allowFrom(ec2.SecurityGroup.fromSecurityGroupId(this, 'Def', vpc.vpcDefaultSecurityGroup), ec2.Port.tcp(22)); // expect: DSG003
  }
}
