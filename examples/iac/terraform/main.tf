# Shop platform, Terraform edition: one VPC from the (local copy of the)
# terraform-aws-modules/vpc module, an app server and a worker module.

module "vpc" {
  source = "./modules/vpc"

  name = "shop"
  cidr = "10.40.0.0/16"

  manage_default_security_group  = true
  default_security_group_ingress = []
  default_security_group_egress  = []
}

locals {
  # Someone added the default group "so the bastion can reach it".
  app_security_group_ids = [aws_security_group.app.id, module.vpc.default_security_group_id]
}

resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = module.vpc.vpc_id

  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [module.vpc.default_security_group_id]
  }
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  subnet_id              = module.vpc.private_subnets[0]
  vpc_security_group_ids = local.app_security_group_ids
}

module "worker" {
  source = "./modules/worker"

  subnet_ids        = module.vpc.private_subnets
  security_group_id = module.vpc.default_security_group_id
}

# Named "default": EC2 reserves that name, so this can only be a VPC's default
# group brought under Terraform (terraform import, Terraformer): its rules and
# references count as the default group's.
resource "aws_security_group" "default" {
  name   = "default"
  vpc_id = module.vpc.vpc_id
}

resource "aws_instance" "batch" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  subnet_id              = module.vpc.private_subnets[0]
  vpc_security_group_ids = [aws_security_group.default.id]
}
