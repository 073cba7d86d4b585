output "vpc_id" {
  value = aws_vpc.this.id
}

output "private_subnets" {
  value = aws_subnet.private[*].id
}

output "default_security_group_id" {
  value = try(aws_vpc.this.default_security_group_id, null)
}
