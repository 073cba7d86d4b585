# The default group looked up by name, then given a "harmless" rule.
data "aws_security_group" "default" {
  vpc_id = module.vpc.vpc_id
  name   = "default"
}

resource "aws_vpc_security_group_egress_rule" "loopback" {
  security_group_id = data.aws_security_group.default.id
  cidr_ipv4         = "127.0.0.1/32"
  ip_protocol       = "-1"
}
