module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
  name    = "main"
  cidr    = "10.0.0.0/16"
}

# terraform-aws-modules/security-group turns these inputs into rules whose
# source is the default group.
module "db_sg" {
  source = "terraform-aws-modules/security-group/aws"
  name   = "db"
  vpc_id = module.vpc.vpc_id

  ingress_with_source_security_group_id = [ # expect: DSG003
    {
      rule                     = "postgresql-tcp"
      source_security_group_id = module.vpc.default_security_group_id
    },
  ]
}

module "redis" {
  source                  = "cloudposse/elasticache-redis/aws"
  vpc_id                  = module.vpc.vpc_id
  allowed_security_groups = [module.vpc.default_security_group_id] # expect: DSG003
}
