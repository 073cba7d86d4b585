data "aws_security_group" "app" {
  vpc_id = var.vpc_id
  name   = "app"
}

data "aws_security_groups" "tagged" {
  tags = {
    Name = "default"
  }
}

# "default" in a description or a tag is not the group name.
data "aws_security_group" "by_tag" {
  filter {
    name   = "tag:Role"
    values = ["default"]
  }
}

variable "vpc_id" {
  type = string
}
