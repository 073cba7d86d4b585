module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}

output "default_sg" {
  value = module.vpc.default_security_group_id # expect: DSG004
}
