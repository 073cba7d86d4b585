resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
}

data "aws_security_group" "by_name" {
  vpc_id = aws_vpc.main.id
  name   = "default"
}

data "aws_security_groups" "by_filter" {
  filter {
    name   = "group-name"
    values = ["default"]
  }
}

locals {
  app_sgs = concat([aws_vpc.main.default_security_group_id], var.extra)
}

variable "extra" {
  type    = list(string)
  default = []
}

variable "fallback_sg" {
  type    = string
  default = "sg-0123456789abcdef0"
}

variable "sg" {
  type = string
}

resource "aws_instance" "a" {
  ami                    = "ami-12345678"
  vpc_security_group_ids = local.app_sgs # expect: DSG002
}

resource "aws_instance" "b" {
  ami                    = "ami-12345678"
  vpc_security_group_ids = [aws_default_security_group.main.id] # expect: DSG002
}

resource "aws_lambda_function" "c" {
  function_name = "c"
  vpc_config {
    subnet_ids         = ["subnet-1"]
    security_group_ids = [data.aws_security_group.by_name.id] # expect: DSG002
  }
}

resource "aws_ecs_service" "d" {
  name = "d"
  network_configuration {
    subnets         = ["subnet-1"]
    security_groups = data.aws_security_groups.by_filter.ids # expect: DSG002
  }
}

resource "aws_lb" "e" {
  name            = "e"
  security_groups = ["${module.network.default_security_group_id}"] # expect: DSG002
}

module "network" {
  source = "terraform-aws-modules/vpc/aws"
}

module "svc" {
  source = "git::https://example.com/svc.git"

  security_group_id = aws_vpc.main.default_security_group_id # expect: DSG002
}
