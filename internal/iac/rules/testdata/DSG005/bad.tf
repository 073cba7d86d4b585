module "vpc" {
  source = "terraform-aws-modules/vpc/aws"

  manage_default_security_group = false # expect: DSG005
}
