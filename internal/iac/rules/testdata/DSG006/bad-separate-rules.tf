# Rule-free aws_default_security_group blocks that are not lockdowns: rule
# resources elsewhere add rules to the same groups (DSG001 reports those).
resource "aws_vpc" "shared" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_default_security_group" "shared" {
  vpc_id = aws_vpc.shared.id
}

resource "aws_security_group_rule" "office_ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["192.0.2.0/24"]
  security_group_id = aws_default_security_group.shared.id
}

resource "aws_vpc" "batch" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_default_security_group" "batch" {
  vpc_id = aws_vpc.batch.id
}

resource "aws_vpc_security_group_egress_rule" "all_out" {
  security_group_id = aws_vpc.batch.default_security_group_id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
