using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;

namespace Batch
{
    // vpc.VpcDefaultSecurityGroup stays unused here.
    public class GoodBatchStack : Stack
    {
        internal GoodBatchStack(Construct scope, string id) : base(scope, id)
        {
            var vpc = new Vpc(this, "Vpc", new VpcProps { RestrictDefaultSecurityGroup = true });
            var verbatim = @"vpc.VpcDefaultSecurityGroup ""quoted"" RestrictDefaultSecurityGroup = false";
            var app = new SecurityGroup(this, "App", new SecurityGroupProps { Vpc = vpc });
            new CfnInstance(this, "Worker", new CfnInstanceProps { ImageId = "ami-1", SecurityGroupIds = new[] { app.SecurityGroupId } });
        }
    }
}
