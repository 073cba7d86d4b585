from aws_cdk import (
    CfnOutput,
    Stack,
    aws_ec2 as ec2,
    aws_rds as rds,
)
from constructs import Construct


class DataStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        vpc = ec2.Vpc(
            self,
            "Vpc",
            max_azs=2,
            restrict_default_security_group=False,  # expect: DSG005
        )

        default_sg = ec2.SecurityGroup.from_security_group_id(
            self, "DefaultSg", vpc.vpc_default_security_group
        )
        default_sg.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(5432))  # expect: DSG001

        rds.DatabaseInstance(
            self,
            "Db",
            engine=rds.DatabaseInstanceEngine.POSTGRES,
            vpc=vpc,
            security_groups=[default_sg],  # expect: DSG002
        )

        ec2.CfnInstance(self, "Tool", image_id="ami-12345678",
                        security_group_ids=[vpc.vpc_default_security_group])  # expect: DSG002

        CfnOutput(self, "DefaultSg", value=vpc.vpc_default_security_group)  # expect: DSG004
