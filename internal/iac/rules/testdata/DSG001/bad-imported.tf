# Terraformer / `terraform import` output: AWS reserves the name "default"
# (CreateSecurityGroup fails with InvalidGroup.Reserved), so this resource
# is the VPC's default group and its inline rules are default-group rules.
resource "aws_security_group" "tfer--default_sg-0a1b2c3d4e5f60718" {
  name        = "default"
  description = "default VPC security group"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"

  ingress {                      # expect: DSG001
    from_port = 0
    to_port   = 0
    protocol  = "-1"
    self      = true
  }

  egress {                       # expect: DSG001
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

variable "group_name" {
  default = "default"
}

resource "aws_security_group" "imported" {
  name   = var.group_name
  vpc_id = "vpc-0fedcba9876543210"
}

resource "aws_vpc_security_group_ingress_rule" "office" {
  security_group_id = aws_security_group.imported.id # expect: DSG001
  cidr_ipv4         = "198.51.100.0/24"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

locals {
  rules = {
    admin = { group = aws_security_group.imported.id, port = 22 }
  }
}

resource "aws_security_group_rule" "per_port" {
  for_each          = local.rules
  type              = "ingress"
  security_group_id = each.value.group # expect: DSG001
  from_port         = each.value.port
  to_port           = each.value.port
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
}
