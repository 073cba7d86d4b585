const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');

class LegacyStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    const vpc = ec2.Vpc.fromLookup(this, 'Vpc', { isDefault: true });
    const pattern = /vpcDefaultSecurityGroup/;
    const sgId = vpc.vpcDefaultSecurityGroup; // expect: DSG002
    if (pattern.test('x')) {
      this.sgId = sgId;
    }
  }
}
module.exports = { LegacyStack };
