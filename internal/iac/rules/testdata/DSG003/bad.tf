resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_vpc.main.default_security_group_id] # expect: DSG003
  }
}

resource "aws_vpc_security_group_ingress_rule" "cache" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_vpc.main.default_security_group_id # expect: DSG003
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
}

resource "aws_security_group_rule" "legacy" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  source_security_group_id = aws_vpc.main.default_security_group_id # expect: DSG003
  protocol                 = "tcp"
  from_port                = 22
  to_port                  = 22
}
