/** Why an action is privileged, and where that is documented. */
export interface PrivilegeSource {
  readonly why: string;
  readonly source: string;
}

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
const BISHOP_FOX = (path: string) => `https://github.com/BishopFox/iam-vulnerable/blob/main/modules/free-resources/privesc-paths/${path}`;

/**
 * IAM actions that AWS labels "Write", not "Permissions management", yet let a principal gain power it was not
 * given: published privilege-escalation paths that need no permissions-management action. Actions that escalate
 * only together with iam:PassRole (ec2:RunInstances, lambda:CreateFunction, cloudformation:CreateStack,
 * glue:CreateDevEndpoint, datapipeline:CreatePipeline) are not listed: iam:PassRole is, and without it they run
 * under no role of the caller's choosing. Kept by hand; a test checks every entry is a real action that the
 * generated permissions-management list does not already hold.
 */
export const AWS_ESCALATION_ACTIONS: Readonly<Record<string, PrivilegeSource>> = {
  'iam:PassRole': {
    why: 'it hands a role to a service, which then acts with all of that role\'s permissions',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
  },
  'iam:AddUserToGroup': { why: 'it puts a user into a group and so gives it the group\'s policies', source: RHINO },
  'iam:CreateAccessKey': { why: 'it creates long-lived keys for another user and so acts as that user', source: RHINO },
  'iam:CreateLoginProfile': { why: 'it sets a console password for another user and so signs in as that user', source: RHINO },
  'iam:UpdateLoginProfile': { why: 'it changes another user\'s console password and so signs in as that user', source: RHINO },
  'sts:AssumeRole': { why: 'it takes on another role and all of its permissions', source: RHINO },
  'lambda:UpdateFunctionCode': { why: 'it runs new code as the function\'s execution role', source: RHINO },
  'glue:UpdateDevEndpoint': { why: 'it opens a Glue development endpoint that runs as its role', source: RHINO },
  'cloudformation:UpdateStack': {
    why: 'it changes a stack that its service role deploys, creating anything that role may create',
    source: BISHOP_FOX('privesc-cloudFormationUpdateStack.tf'),
  },
  'ssm:SendCommand': { why: 'it runs commands on instances, with their instance roles', source: BISHOP_FOX('privesc-ssmSendCommand.tf') },
  'ssm:StartSession': { why: 'it opens a shell on instances, with their instance roles', source: BISHOP_FOX('privesc-ssmStartSession.tf') },
  'ec2-instance-connect:SendSSHPublicKey': {
    why: 'it logs in to instances by SSH, with their instance roles',
    source: BISHOP_FOX('privesc-ec2InstanceConnect.tf'),
  },
  'ec2-instance-connect:SendSerialConsoleSSHPublicKey': {
    why: 'it logs in to instances through the serial console, with their instance roles',
    source: BISHOP_FOX('privesc-ec2InstanceConnect.tf'),
  },
  'sagemaker:CreatePresignedNotebookInstanceUrl': {
    why: 'it opens a notebook that runs as the notebook instance\'s role',
    source: BISHOP_FOX('privesc-sageMakerCreatePresignedNotebookURL.tf'),
  },
};
