package com.example.orders;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.constructs.Construct;

import java.util.Collections;

public class BadOrdersStack extends Stack {
    public BadOrdersStack(final Construct scope, final String id, final Vpc vpc) {
        super(scope, id);

        Vpc other = Vpc.Builder.create(this, "Other")
                .maxAzs(2)
                .restrictDefaultSecurityGroup(false) // expect: DSG005
                .build();

        ISecurityGroup dbGroup = SecurityGroup.fromSecurityGroupId(this, id, vpc.getVpcDefaultSecurityGroup());
        dbGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(3306)); // expect: DSG001

        DatabaseInstance.Builder.create(this, "Orders")
                .vpc(vpc)
                .securityGroups(Collections.singletonList(dbGroup)) // expect: DSG002
                .build();

        new CfnOutput(this, "defaultSG", CfnOutputProps.builder()
                .value(vpc.getVpcDefaultSecurityGroup()).exportName("defaultSG").build()); // expect: DSG004

        String text = """
            vpc.getVpcDefaultSecurityGroup() inside a text block
            """;
    }
}
