using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Lambda;
using Constructs;

namespace Batch
{
    public class BadBatchStack : Stack
    {
        internal BadBatchStack(Construct scope, string id, IStackProps props = null) : base(scope, id, props)
        {
            var vpc = new Vpc(this, "Vpc", new VpcProps
            {
                MaxAzs = 2,
                RestrictDefaultSecurityGroup = false // expect: DSG005
            });

            var path = @"C:\temp\vpc.VpcDefaultSecurityGroup";

            new CfnInstance(this, "Worker", new CfnInstanceProps
            {
                ImageId = "ami-12345678",
                SecurityGroupIds = new[] { vpc.VpcDefaultSecurityGroup } // expect: DSG002
            });

            var defaultSg = SecurityGroup.FromSecurityGroupId(this, "Default", vpc.VpcDefaultSecurityGroup);
            new Function(this, "Fn", new FunctionProps
            {
                Runtime = Runtime.DOTNET_8,
                Handler = "Fn::Fn.Handler",
                Code = Code.FromAsset("src"),
                Vpc = vpc,
                SecurityGroups = new[] { defaultSg } // expect: DSG002
            });

            new CfnOutput(this, "DefaultSg", new CfnOutputProps { Value = vpc.VpcDefaultSecurityGroup }); // expect: DSG004
        }
    }
}
