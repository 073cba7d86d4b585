# The 2019 network: registry VPC module with the lockdown switched off, and
# a hand-made VPC whose default group still carries rules.

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"

  name = "legacy"
  cidr = "10.50.0.0/16"

  manage_default_security_group = false
}

resource "aws_vpc" "ops" {
  cidr_block = "10.60.0.0/16"
}

resource "aws_default_security_group" "ops" {
  vpc_id = aws_vpc.ops.id

  ingress {
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }
}

resource "aws_vpc" "sandbox" {
  cidr_block = "10.70.0.0/16"
}

resource "aws_vpc_endpoint" "ssm" {
  vpc_id            = aws_vpc.ops.id
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
}
