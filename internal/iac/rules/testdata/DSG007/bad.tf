resource "aws_instance" "web" { # expect: DSG007
  ami       = "ami-12345678"
  subnet_id = "subnet-1"
}

resource "aws_db_instance" "db" { # expect: DSG007
  engine         = "postgres"
  instance_class = "db.t4g.micro"
}

resource "aws_opensearch_domain" "search" { # expect: DSG007
  domain_name = "search"
  vpc_options {
    subnet_ids = ["subnet-1"]
  }
}
