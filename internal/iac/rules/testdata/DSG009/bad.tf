# Lookups of a VPC's default group, whatever their label: their users may
# live in another repository.
data "aws_security_group" "default" { # expect: DSG009
  vpc_id = var.vpc_id
  name   = "default"
}

data "aws_security_group" "base" { # expect: DSG009
  vpc_id = var.vpc_id
  filter {
    name   = "group-name"
    values = ["default"]
  }
}

data "aws_security_groups" "defaults" { # expect: DSG009
  filter {
    name   = "group-name"
    values = ["default"]
  }
  filter {
    name   = "vpc-id"
    values = [var.vpc_id]
  }
}

variable "vpc_id" {
  type = string
}
