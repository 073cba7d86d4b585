resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

data "aws_iam_policy_document" "revoke" {
  statement {
    actions   = ["ec2:RevokeSecurityGroupIngress"]
    resources = ["arn:aws:ec2:*:*:security-group/${aws_vpc.main.default_security_group_id}"] # expect: DSG010
  }
}

resource "aws_iam_policy" "inline" {
  name = "inline"
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "ec2:AuthorizeSecurityGroupIngress"
      Resource = "arn:aws:ec2:*:*:security-group/${aws_vpc.main.default_security_group_id}" # expect: DSG010
    }]
  })
}
