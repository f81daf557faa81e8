import type { AuthorizationRequest } from '../src/model/authorization-request.js';
import type { PolicySetInput } from '../src/model/policy-input.js';

/**
 * (d) The realistic principal of issue 11: 10 attached policies × 5 statements whose resources use wildcards in
 * the middle of ARN segments (`arn:aws:s3:*:111122223333:*team-0-*`, `table/*-team-1-*`, `team-2-*-queue`),
 * conditions on principal tags (team, project, role) and MFA, and two Deny statements. Written once as plain IAM
 * documents so that any IAM evaluator (ours, `@cloud-copilot/iam-simulate`) gets exactly the same input.
 */
export interface IamScenario {
  readonly name: string;
  readonly description: string;
  readonly policies: readonly { readonly name: string; readonly document: IamDocument }[];
  readonly requests: readonly AuthorizationRequest[];
  /** Our compiled form of `policies`. */
  readonly input: PolicySetInput;
}

export interface IamStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

export interface IamDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly IamStatement[];
}

export const ACCOUNT = '111122223333';
export const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/alice`;
/** The principal's tags, which the policy service puts in every request context. */
const PRINCIPAL_TAGS = {
  'aws:PrincipalTag/team': 'team-0',
  'aws:PrincipalTag/project': 'apollo',
  'aws:PrincipalTag/role': 'developer',
} as const;

const SERVICES = ['s3', 'dynamodb', 'sqs', 'logs', 'sns'] as const;
type Service = (typeof SERVICES)[number];

const READ: Record<Service, string[]> = {
  s3: ['s3:Get*', 's3:List*'],
  dynamodb: ['dynamodb:Get*', 'dynamodb:Query'],
  sqs: ['sqs:Receive*', 'sqs:Get*'],
  logs: ['logs:Get*', 'logs:Describe*'],
  sns: ['sns:Get*', 'sns:List*'],
};
const WRITE: Record<Service, string[]> = {
  s3: ['s3:Put*'],
  dynamodb: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
  sqs: ['sqs:SendMessage'],
  logs: ['logs:PutLogEvents'],
  sns: ['sns:Publish', 'sns:Set*'],
};
const REQUEST_ACTIONS: Record<Service, readonly string[]> = {
  s3: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject'],
  dynamodb: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem'],
  sqs: ['sqs:ReceiveMessage', 'sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:DeleteMessage'],
  logs: [
    'logs:GetLogEvents',
    'logs:PutLogEvents',
    'logs:DescribeLogStreams',
    'logs:DeleteLogGroup',
  ],
  sns: ['sns:GetTopicAttributes', 'sns:Publish', 'sns:ListSubscriptionsByTopic', 'sns:DeleteTopic'],
};

/** Resource patterns of a team, with wildcards inside segments. */
function resourcePattern(service: Service, team: string): string {
  switch (service) {
    case 's3':
      return `arn:aws:s3:*:${ACCOUNT}:*${team}-*`;
    case 'dynamodb':
      return `arn:aws:dynamodb:us-*-1:${ACCOUNT}:table/*-${team}-*`;
    case 'sqs':
      return `arn:aws:sqs:*:${ACCOUNT}:${team}-*-queue`;
    case 'logs':
      return `arn:aws:logs:*:${ACCOUNT}:log-group:/${team}/*`;
    case 'sns':
      return `arn:aws:sns:*:${ACCOUNT}:${team}-?*`;
  }
}

function resourceArn(service: Service, team: string, name: string, region: string): string {
  switch (service) {
    case 's3':
      return `arn:aws:s3:${region}:${ACCOUNT}:data-${team}-${name}`;
    case 'dynamodb':
      return `arn:aws:dynamodb:${region}:${ACCOUNT}:table/orders-${team}-${name}`;
    case 'sqs':
      return `arn:aws:sqs:${region}:${ACCOUNT}:${team}-${name}-queue`;
    case 'logs':
      return `arn:aws:logs:${region}:${ACCOUNT}:log-group:/${team}/${name}`;
    case 'sns':
      return `arn:aws:sns:${region}:${ACCOUNT}:${team}-${name}`;
  }
}

type Conditions = NonNullable<IamStatement['Condition']>;
function conditionsFor(k: number, team: string): Conditions | undefined {
  switch (k % 4) {
    case 0:
      return { StringEquals: { 'aws:PrincipalTag/team': team } };
    case 1:
      return {
        StringEquals: { 'aws:PrincipalTag/project': ['apollo', 'gemini'] },
        StringLike: { 'aws:PrincipalTag/team': 'team-*' },
      };
    case 2:
      return {
        StringEquals: { 'aws:PrincipalTag/team': team },
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      };
    default:
      return undefined;
  }
}

export function scenarioMidSegmentWildcards(): IamScenario {
  const policies: { name: string; document: IamDocument }[] = [];
  for (let p = 0; p < 10; p++) {
    const statements: IamStatement[] = [];
    for (let s = 0; s < 5; s++) {
      const k = p * 5 + s;
      if (k === 24) {
        statements.push({
          Sid: 'DenyDeletingProductionUnlessAdmin',
          Effect: 'Deny',
          Action: SERVICES.map((svc) => `${svc}:Delete*`),
          Resource: [`arn:aws:*:*:${ACCOUNT}:*prod*`],
          Condition: { StringNotEquals: { 'aws:PrincipalTag/role': 'admin' } },
        });
        continue;
      }
      if (k === 49) {
        statements.push({
          Sid: 'DenySecrets',
          Effect: 'Deny',
          Action: ['s3:*', 'dynamodb:*'],
          Resource: [
            `arn:aws:s3:*:${ACCOUNT}:*-secret-*`,
            `arn:aws:dynamodb:*:${ACCOUNT}:table/*secret*`,
          ],
        });
        continue;
      }
      const service = SERVICES[k % SERVICES.length]!;
      const team = `team-${(p + s) % 3}`;
      const condition = conditionsFor(k, team);
      statements.push({
        Sid: `P${p}S${s}`,
        Effect: 'Allow',
        Action: s % 2 === 0 ? READ[service] : [...READ[service], ...WRITE[service]],
        Resource: [resourcePattern(service, team), resourcePattern(service, 'shared')],
        ...(condition === undefined ? {} : { Condition: condition }),
      });
    }
    policies.push({
      name: `team-policy-${p}`,
      document: { Version: '2012-10-17', Statement: statements },
    });
  }

  const requests: AuthorizationRequest[] = [];
  for (let i = 0; i < 64; i++) {
    const service = SERVICES[i % SERVICES.length]!;
    const team = i % 7 === 2 ? 'shared' : `team-${(i >> 1) % 3}`;
    const name = i % 6 === 0 ? 'prod-db' : i % 6 === 3 ? 'x-secret-y' : `item${i}`;
    const region = i % 9 === 4 ? 'eu-west-1' : 'us-east-1';
    requests.push({
      principal: PRINCIPAL,
      action: REQUEST_ACTIONS[service][(i >> 2) % 4]!,
      resource: resourceArn(service, team, name, region),
      context: {
        ...PRINCIPAL_TAGS,
        'aws:username': 'alice',
        'aws:MultiFactorAuthPresent': i % 5 === 3 ? 'false' : 'true',
      },
    });
  }
  return {
    name: 'd-mid-segment-wildcards',
    description:
      '10 policies x 5 statements, mid-segment ARN wildcards, principal-tag conditions, 2 Deny statements',
    policies,
    requests,
    input: {
      identityPolicies: policies.map((p) => ({ id: p.name, document: p.document })),
    },
  };
}
