/**
 * The AWS managed policies this suite ships: built in, read-only, the same in every account, stored nowhere
 * (attachments name them by ARN). Documents are AWS's, for the actions this suite serves.
 * AWS: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/policy-list.html (each policy's page gives its
 * description, creation and edit times, default version and document; checked against them on 2026-12-05).
 */
export interface AwsManagedPolicy {
  readonly policyName: string;
  /** AWS's stable id of the policy (`ANPA...`). */
  readonly policyId: string;
  readonly path: string;
  readonly arn: string;
  readonly description: string;
  readonly defaultVersionId: string;
  /** The default version's document, as JSON text. */
  readonly document: string;
  readonly createDate: string;
  readonly updateDate: string;
}

function awsManaged(
  policyName: string,
  policyId: string,
  description: string,
  defaultVersionId: string,
  dates: { readonly created: string; readonly updated: string },
  statements: readonly unknown[],
): AwsManagedPolicy {
  return {
    policyName,
    policyId,
    path: '/',
    arn: `arn:aws:iam::aws:policy/${policyName}`,
    description,
    defaultVersionId,
    document: JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 4),
    createDate: dates.created,
    updateDate: dates.updated,
  };
}

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = [
  awsManaged(
    'AdministratorAccess',
    'ANPAIWMBCKSKIEE64ZLYK',
    'Provides full access to AWS services and resources.',
    'v1',
    { created: '2015-02-06T18:39:46Z', updated: '2015-02-06T18:39:46Z' },
    [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  ),
  awsManaged(
    'IAMFullAccess',
    'ANPAI7XKCFMBPM3QQRRVQ',
    'Provides full access to IAM via the AWS Management Console.',
    'v2',
    { created: '2015-02-06T18:40:38Z', updated: '2019-06-21T19:40:00Z' },
    [
      {
        Effect: 'Allow',
        Action: [
          'iam:*',
          'organizations:DescribeAccount',
          'organizations:DescribeOrganization',
          'organizations:DescribeOrganizationalUnit',
          'organizations:DescribePolicy',
          'organizations:ListChildren',
          'organizations:ListParents',
          'organizations:ListPoliciesForTarget',
          'organizations:ListRoots',
          'organizations:ListPolicies',
          'organizations:ListTargetsForPolicy',
        ],
        Resource: '*',
      },
    ],
  ),
  awsManaged(
    'IAMReadOnlyAccess',
    'ANPAJKSO7NDY4T57MWDSQ',
    'Provides read only access to IAM via the AWS Management Console.',
    'v4',
    { created: '2015-02-06T18:40:39Z', updated: '2018-01-25T19:11:27Z' },
    [
      {
        Effect: 'Allow',
        Action: [
          'iam:GenerateCredentialReport',
          'iam:GenerateServiceLastAccessedDetails',
          'iam:Get*',
          'iam:List*',
          'iam:SimulateCustomPolicy',
          'iam:SimulatePrincipalPolicy',
        ],
        Resource: '*',
      },
    ],
  ),
  awsManaged(
    'IAMUserChangePassword',
    'ANPAJ4L4MM2A7QIEB56MS',
    'Provides the ability for an IAM user to change their own password.',
    'v3',
    // AWS edited it on 2025-05-29 (v3): users with a path may change their own password too.
    { created: '2016-11-15T00:25:16Z', updated: '2025-05-29T21:52:00Z' },
    [
      {
        Effect: 'Allow',
        Action: ['iam:ChangePassword'],
        Resource: ['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:user/*/${aws:username}'],
      },
      { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: '*' },
    ],
  ),
  awsManaged(
    'IAMSelfManageServiceSpecificCredentials',
    'ANPAI4VT74EMXK2PMQJM2',
    'Allows an IAM user to manage their own Service Specific Credentials.',
    'v1',
    { created: '2016-12-22T17:25:18Z', updated: '2016-12-22T17:25:18Z' },
    [
      {
        Effect: 'Allow',
        Action: [
          'iam:CreateServiceSpecificCredential',
          'iam:ListServiceSpecificCredentials',
          'iam:UpdateServiceSpecificCredential',
          'iam:DeleteServiceSpecificCredential',
          'iam:ResetServiceSpecificCredential',
        ],
        Resource: 'arn:aws:iam::*:user/${aws:username}',
      },
    ],
  ),
];

const BY_ARN = new Map(AWS_MANAGED_POLICIES.map((policy) => [policy.arn, policy]));

/** The built-in AWS managed policy with this ARN (exact, case-sensitive, as AWS matches ARNs). */
export function awsManagedPolicyByArn(arn: string): AwsManagedPolicy | undefined {
  return BY_ARN.get(arn);
}
