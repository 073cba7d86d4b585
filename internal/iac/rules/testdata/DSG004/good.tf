module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}

output "vpc_id" {
  value = module.vpc.vpc_id
}
