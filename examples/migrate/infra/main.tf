# Before: the keys the workflow uses, created by Terraform (and so also kept in its state).
resource "aws_iam_user" "deploy" {
  name = "web-deploy"
}

resource "aws_iam_access_key" "deploy" {
  user = aws_iam_user.deploy.name
}

resource "aws_iam_user_policy" "deploy" {
  name = "web-assets"
  user = aws_iam_user.deploy.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:PutObject", "s3:ListBucket"], Resource = ["arn:aws:s3:::acme-web-assets", "arn:aws:s3:::acme-web-assets/*"] }]
  })
}

resource "google_service_account" "deploy" {
  account_id = "web-deploy"
}

resource "google_service_account_key" "deploy" {
  service_account_id = google_service_account.deploy.name
}
