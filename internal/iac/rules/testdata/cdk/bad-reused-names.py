from aws_cdk import Stack, aws_ec2 as ec2, aws_lambda as _lambda


class Reused(Stack):
    def legacy(self, vpc):
        sg = ec2.SecurityGroup.from_security_group_id(self, "Legacy", vpc.vpc_default_security_group)
        _lambda.Function(self, "Old", runtime=_lambda.Runtime.PYTHON_3_12, handler="i.h",
                         code=_lambda.Code.from_inline("x"), vpc=vpc,
                         security_groups=[sg])  # expect: DSG002

    def current(self, vpc):
        sg = ec2.SecurityGroup(self, "App", vpc=vpc)
        _lambda.Function(self, "New", runtime=_lambda.Runtime.PYTHON_3_12, handler="i.h",
                         code=_lambda.Code.from_inline("x"), vpc=vpc,
                         security_groups=[sg])
        ec2.Connections(security_groups=[sg]).allow_from(sg, ec2.Port.tcp(80))
