variable "subnet_ids" {
  type = list(string)
}

variable "security_group_id" {
  type = string
}

resource "aws_lambda_function" "worker" {
  function_name = "shop-worker"
  role          = "arn:aws:iam::111111111111:role/worker"
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "worker.zip"

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [var.security_group_id]
  }
}

# An ARN that embeds a group id is not a placement in the group.
data "aws_iam_policy_document" "worker" {
  statement {
    actions   = ["ec2:DescribeSecurityGroups"]
    resources = ["arn:aws:ec2:*:*:security-group/${var.security_group_id}"]
  }
}
