provider "aws" {
  alias  = "eu_west_1"
  region = "eu-west-1"
  # credentials for account 1
}

resource "aws_security_group" "prod_default_replacement_eu_west_1" {
  provider    = aws.eu_west_1
  name        = "prod-default-replacement"
  description = "Replaces default group sg-def of prod (defaultsg)"
  vpc_id      = "vpc-1"
  tags = {
    Name                 = "prod-default-replacement"
    "defaultsg:replaces" = "sg-def"
  }
}

resource "aws_vpc_security_group_ingress_rule" "prod_default_replacement_eu_west_1_1" {
  provider                     = aws.eu_west_1
  security_group_id            = aws_security_group.prod_default_replacement_eu_west_1.id
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.prod_default_replacement_eu_west_1.id
}

resource "aws_vpc_security_group_egress_rule" "prod_default_replacement_eu_west_1_2" {
  provider          = aws.eu_west_1
  security_group_id = aws_security_group.prod_default_replacement_eu_west_1.id
  ip_protocol       = "-1"
  cidr_ipv6         = "::/0"
  description       = "v6"
}

resource "aws_vpc_security_group_egress_rule" "prod_default_replacement_eu_west_1_3" {
  provider          = aws.eu_west_1
  security_group_id = aws_security_group.prod_default_replacement_eu_west_1.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = "pl-1"
}

# Lockdown of vpc-1's default group sg-def (EC2.2): no ingress or egress block, so Terraform removes
# every rule. Apply it after the users have moved to the replacement.
resource "aws_default_security_group" "vpc_1_lockdown" {
  provider = aws.eu_west_1
  vpc_id   = "vpc-1"
}

