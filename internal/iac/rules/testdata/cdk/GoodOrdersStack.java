package com.example.orders;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

public class GoodOrdersStack extends Stack {
    // vpc.getVpcDefaultSecurityGroup() is the default group; do not use it.
    public GoodOrdersStack(final Construct scope, final String id) {
        super(scope, id);
        Vpc vpc = Vpc.Builder.create(this, "Vpc").restrictDefaultSecurityGroup(true).build();
        String s = "vpc.getVpcDefaultSecurityGroup()";
        String block = """
            .restrictDefaultSecurityGroup(false)
            """;
        SecurityGroup app = SecurityGroup.Builder.create(this, "App").vpc(vpc).build();
    }
}
