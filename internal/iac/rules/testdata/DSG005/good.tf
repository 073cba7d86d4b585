module "vpc" {
  source = "terraform-aws-modules/vpc/aws"

  manage_default_security_group  = true
  default_security_group_ingress = []
  default_security_group_egress  = []
}
