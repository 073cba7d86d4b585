resource "aws_vpc" "main" { # expect: DSG008
  cidr_block = "10.0.0.0/16"
}
