resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "default" {
  name   = "default-app"
  vpc_id = aws_vpc.main.id
}

data "aws_security_group" "app" {
  name = "app"
}

variable "sg" {
  type    = string
  default = "sg-0123456789abcdef0"
}

resource "aws_instance" "a" {
  ami                    = "ami-12345678"
  vpc_security_group_ids = [aws_security_group.default.id, data.aws_security_group.app.id, var.sg]
}

resource "aws_iam_policy" "revoke" {
  name = "revoke"
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "ec2:RevokeSecurityGroupIngress"
      Resource = "arn:aws:ec2:*:*:security-group/${aws_vpc.main.default_security_group_id}"
    }]
  })
}
