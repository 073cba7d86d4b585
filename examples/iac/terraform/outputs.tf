output "vpc_id" {
  value = module.vpc.vpc_id
}

# Shared with other configurations through remote state.
output "default_security_group_id" {
  value = module.vpc.default_security_group_id
}
