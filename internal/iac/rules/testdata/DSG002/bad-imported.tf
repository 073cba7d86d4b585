resource "aws_security_group" "default" {
  name   = "default"
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_instance" "legacy" {
  ami                    = "ami-12345678"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.default.id] # expect: DSG002
}

# Lists built in locals maps and walked with for_each.
locals {
  services = {
    api    = { subnet = "subnet-1", groups = [aws_security_group.default.id] }
    worker = { subnet = "subnet-2", groups = [] }
  }
}

resource "aws_network_interface" "svc" {
  for_each        = local.services
  subnet_id       = each.value.subnet
  security_groups = each.value.groups # expect: DSG002
}

module "cache" {
  source     = "cloudposse/elasticache-redis/aws"
  vpc_id     = "vpc-0123456789abcdef0"
  associated_security_group_ids = [module.network.vpc_default_security_group_id] # expect: DSG002
}

module "network" {
  source = "cloudposse/vpc/aws"
}
