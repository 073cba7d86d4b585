resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id

  egress { # expect: DSG001
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["127.0.0.1/32"]
  }
}

resource "aws_default_security_group" "attr" {
  vpc_id  = aws_vpc.main.id
  ingress = [{ protocol = "-1", self = true, from_port = 0, to_port = 0, cidr_blocks = [], ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = [], description = "" }] # expect: DSG001
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = aws_vpc.main.default_security_group_id # expect: DSG001
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_default_security_group.main.id # expect: DSG001
  cidr_ipv4         = "10.0.0.0/16"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"

  default_security_group_ingress = [{ self = true }] # expect: DSG001
}
