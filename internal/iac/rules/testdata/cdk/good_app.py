from aws_cdk import Stack, aws_ec2 as ec2
from constructs import Construct

# vpc.vpc_default_security_group must not be used; see docs.


class GoodStack(Stack):
    """Uses vpc.vpc_default_security_group? No: restrict_default_security_group=False is gone."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        vpc = ec2.Vpc(self, "Vpc", restrict_default_security_group=True)
        text = '''security_groups=[vpc.vpc_default_security_group]'''
        other = 'vpc.vpc_default_security_group'
        app = ec2.SecurityGroup(self, "App", vpc=vpc)
        ec2.CfnInstance(self, "Tool", image_id="ami-12345678",
                        security_group_ids=[app.security_group_id])
        print(text, other)
