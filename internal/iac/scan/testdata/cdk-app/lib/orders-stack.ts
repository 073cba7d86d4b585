import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

export interface OrdersStackProps extends cdk.StackProps {
  vpc: ec2.IVpc;
}

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: OrdersStackProps) {
    super(scope, id, props);
    const { vpc } = props;

    // Quick fix from an incident: "just use vpc.vpcDefaultSecurityGroup".
    const shared = ec2.SecurityGroup.fromSecurityGroupId(this, 'Shared', vpc.vpcDefaultSecurityGroup);
    shared.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(5432), 'orders db');

    const db = new rds.DatabaseInstance(this, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      securityGroups: [shared],
    });

    const api = new ec2.SecurityGroup(this, 'Api', { vpc });
    new lambda.Function(this, 'Api', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/api'),
      vpc,
      securityGroups: [api],
      environment: { DB_HOST: db.dbInstanceEndpointAddress },
    });
  }
}
