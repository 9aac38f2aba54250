/**
 * Google's default mapping of `attribute.aws_role` for AWS providers: the caller's ARN, with an assumed role's session
 * name cut off, so an attribute names the role whatever session it runs in (Google's "Configure workload identity
 * federation with AWS").
 */
export const AWS_ROLE_OF_ARN =
  "assertion.arn.contains('assumed-role') ? assertion.arn.extract('{account_arn}assumed-role/') + 'assumed-role/' + assertion.arn.extract('assumed-role/{role_name}/') : assertion.arn";
