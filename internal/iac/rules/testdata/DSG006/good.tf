resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" { # expect: DSG006
  vpc_id = aws_vpc.main.id
}

module "vpc" { # expect: DSG006
  source = "terraform-aws-modules/vpc/aws"

  manage_default_security_group = true
}
