resource "aws_instance" "web" {
  ami                    = "ami-12345678"
  vpc_security_group_ids = ["sg-0123456789abcdef0"]
}

resource "aws_opensearch_domain" "public" {
  domain_name = "public"
}

resource "aws_lb" "nlb" {
  load_balancer_type = "network"
}
