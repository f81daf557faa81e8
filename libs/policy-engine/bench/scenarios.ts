import type { AuthorizationRequest } from '../src/model/authorization-request.js';
import type { PolicySetInput } from '../src/model/policy-input.js';

/**
 * Benchmark scenarios, each in two equivalent forms: IAM policy documents for our engine, and Cedar policies for
 * the baseline. The Cedar form carries what IAM reads from the request (action, resource ARN, condition keys) in
 * the Cedar `context`, so each IAM statement becomes one Cedar `permit`/`forbid` with the same tests
 * (`like` for wildcards, `ip().isInRange()` for CIDRs, `datetime` for dates). Action patterns are lower-cased on
 * both sides because IAM action matching is case-insensitive and Cedar's `like` is not.
 */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly input: PolicySetInput;
  readonly requests: readonly AuthorizationRequest[];
  readonly cedarPolicies: string;
  readonly cedarContexts: readonly Record<string, string | boolean>[];
}

const ACCOUNT = '111122223333';
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/alice`;

interface Condition {
  readonly iam: [operator: string, key: string, value: string];
  readonly cedar: string;
}

interface Stmt {
  readonly sid: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions: readonly Condition[];
}

function toIam(statements: readonly Stmt[]): unknown {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => {
      const condition: Record<string, Record<string, string>> = {};
      for (const c of s.conditions) {
        const [op, key, value] = c.iam;
        (condition[op] ??= {})[key] = value;
      }
      return {
        Sid: s.sid,
        Effect: s.effect,
        Action: s.actions.length === 1 ? s.actions[0] : s.actions,
        Resource: s.resources.length === 1 ? s.resources[0] : s.resources,
        ...(s.conditions.length > 0 ? { Condition: condition } : {}),
      };
    }),
  };
}

function cedarString(s: string): string {
  return JSON.stringify(s);
}

function toCedar(statements: readonly Stmt[]): string {
  return statements
    .map((s) => {
      const tests = [
        `(${s.actions.map((a) => `context.action like ${cedarString(a.toLowerCase())}`).join(' || ')})`,
        `(${s.resources.map((r) => `context.resource like ${cedarString(r)}`).join(' || ')})`,
        ...s.conditions.map((c) => c.cedar),
      ];
      return `@id(${cedarString(s.sid)})\n${s.effect === 'Allow' ? 'permit' : 'forbid'}(principal, action, resource) when { ${tests.join(' && ')} };`;
    })
    .join('\n');
}

const TEAM = (t: string): Condition => ({
  iam: ['StringEquals', 'aws:PrincipalTag/team', t],
  cedar: `context.principalTagTeam == ${cedarString(t)}`,
});
const PREFIX = (p: string): Condition => ({
  iam: ['StringLike', 's3:prefix', p],
  cedar: `context.s3prefix like ${cedarString(p)}`,
});
const SOURCE_IP = (cidr: string): Condition => ({
  iam: ['IpAddress', 'aws:SourceIp', cidr],
  cedar: `ip(context.sourceIp).isInRange(ip(${cedarString(cidr)}))`,
});
const BEFORE = (iso: string): Condition => ({
  iam: ['DateLessThan', 'aws:CurrentTime', iso],
  cedar: `datetime(context.currentTime) < datetime(${cedarString(iso)})`,
});
const MFA: Condition = {
  iam: ['Bool', 'aws:MultiFactorAuthPresent', 'true'],
  cedar: 'context.mfa == true',
};

interface RequestSpec {
  readonly action: string;
  readonly resource: string;
  readonly team: string;
  readonly prefix: string;
  readonly ip: string;
  readonly time: string;
  readonly mfa: boolean;
}

function requestPair(r: RequestSpec): {
  iam: AuthorizationRequest;
  cedar: Record<string, string | boolean>;
} {
  return {
    iam: {
      principal: PRINCIPAL,
      action: r.action,
      resource: r.resource,
      context: {
        'aws:username': 'alice',
        'aws:PrincipalTag/team': r.team,
        's3:prefix': r.prefix,
        'aws:SourceIp': r.ip,
        'aws:CurrentTime': r.time,
        'aws:MultiFactorAuthPresent': r.mfa ? 'true' : 'false',
      },
    },
    cedar: {
      action: r.action.toLowerCase(),
      resource: r.resource,
      principalTagTeam: r.team,
      s3prefix: r.prefix,
      sourceIp: r.ip,
      currentTime: r.time,
      mfa: r.mfa,
    },
  };
}

function scenario(
  name: string,
  description: string,
  policies: readonly (readonly Stmt[])[],
  specs: readonly RequestSpec[],
): Scenario {
  const pairs = specs.map(requestPair);
  return {
    name,
    description,
    input: { identityPolicies: policies.map((p, i) => ({ id: `p${i}`, document: toIam(p) })) },
    requests: pairs.map((p) => p.iam),
    cedarPolicies: policies.map(toCedar).join('\n'),
    cedarContexts: pairs.map((p) => p.cedar),
  };
}

const BASE_REQUEST: RequestSpec = {
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket/home/alice/report.csv',
  team: 'team-1',
  prefix: 'home/alice/',
  ip: '10.1.2.3',
  time: '2026-11-28T12:00:00Z',
  mfa: true,
};

/** (a) One Allow statement. */
export function scenarioOneStatement(): Scenario {
  const stmt: Stmt = {
    sid: 'AllowRead',
    effect: 'Allow',
    actions: ['s3:GetObject'],
    resources: ['arn:aws:s3:::bucket/*'],
    conditions: [],
  };
  return scenario('a-one-statement', 'one Allow statement, one request', [[stmt]], [BASE_REQUEST]);
}

const SERVICES_B = [
  's3',
  'dynamodb',
  'ec2',
  'sqs',
  'sns',
  'lambda',
  'kms',
  'logs',
  'cloudwatch',
  'iam',
] as const;
const VERBS = ['Get', 'List', 'Describe', 'Put', 'Delete'] as const;

function arnFor(service: string, team: string, leaf: string): string {
  return service === 's3'
    ? `arn:aws:s3:::bucket-${team}/${leaf}`
    : `arn:aws:${service}:us-east-1:${ACCOUNT}:thing/${team}/${leaf}`;
}

/**
 * (b) 10 policies × 5 statements with wildcards and 2–3 conditions each (StringEquals on aws:PrincipalTag,
 * StringLike on s3:prefix, IpAddress on aws:SourceIp, DateLessThan on aws:CurrentTime, Bool on
 * aws:MultiFactorAuthPresent); 64 requests mixing allows, implicit denies and explicit denies.
 */
export function scenarioRealisticPrincipal(): Scenario {
  const conditionSets: readonly (readonly Condition[])[] = [
    [TEAM('team-1'), SOURCE_IP('10.0.0.0/8'), MFA],
    [TEAM('team-2'), PREFIX('home/*')],
    [SOURCE_IP('192.168.0.0/16'), BEFORE('2030-01-01T00:00:00Z')],
    [PREFIX('home/alice/*'), MFA, BEFORE('2030-01-01T00:00:00Z')],
    [TEAM('team-1'), BEFORE('2027-01-01T00:00:00Z'), SOURCE_IP('10.1.0.0/16')],
  ];
  const policies: Stmt[][] = [];
  for (let p = 0; p < 10; p++) {
    const statements: Stmt[] = [];
    for (let s = 0; s < 5; s++) {
      const service = SERVICES_B[(p + s) % SERVICES_B.length]!;
      const team = `team-${(p + s) % 3}`;
      const deny = (p * 5 + s) % 11 === 7;
      statements.push({
        sid: `P${p}S${s}`,
        effect: deny ? 'Deny' : 'Allow',
        actions: deny
          ? [`${service}:Delete*`]
          : [`${service}:${VERBS[s % 3]}*`, `${service}:${VERBS[(s + 1) % 3]}*`],
        resources: [arnFor(service, team, '*'), arnFor(service, 'shared', '*')],
        conditions: conditionSets[(p + s) % conditionSets.length]!,
      });
    }
    policies.push(statements);
  }
  const specs: RequestSpec[] = [];
  for (let i = 0; i < 64; i++) {
    const service = SERVICES_B[i % SERVICES_B.length]!;
    const verb = VERBS[i % 8 === 5 ? 4 : (i >> 1) % 3]!;
    const team = `team-${i % 3}`;
    specs.push({
      action: `${service}:${verb}${i % 2 === 0 ? 'Object' : 'Items'}`,
      resource: arnFor(service, i % 5 === 0 ? 'shared' : team, `home/alice/file-${i}`),
      team: i % 4 === 0 ? 'team-2' : 'team-1',
      prefix: i % 4 === 1 ? 'public/' : 'home/alice/',
      ip: i % 6 === 0 ? '192.168.10.20' : '10.1.2.3',
      time: i % 9 === 0 ? '2031-05-01T00:00:00Z' : '2026-11-28T12:00:00Z',
      mfa: i % 7 !== 3,
    });
  }
  return scenario(
    'b-realistic-principal',
    '10 policies x 5 statements, 2-3 conditions each',
    policies,
    specs,
  );
}

/** (c) 1,000 statements across 50 services (20 per service), 100 requests across the services. */
export function scenarioThousandStatements(): Scenario {
  const policies: Stmt[][] = [];
  for (let p = 0; p < 10; p++) {
    const statements: Stmt[] = [];
    for (let s = 0; s < 100; s++) {
      const k = p * 100 + s;
      const service = `svc${k % 50}`;
      const j = Math.floor(k / 50);
      statements.push({
        sid: `S${k}`,
        effect: k % 97 === 13 ? 'Deny' : 'Allow',
        actions:
          j % 4 === 0
            ? [`${service}:Action${j}*`]
            : [`${service}:Action${j}`, `${service}:Other${j}`],
        resources: [`arn:aws:${service}:us-east-1:${ACCOUNT}:res-${j}/*`],
        conditions: j % 3 === 0 ? [TEAM(`team-${j % 3}`)] : [],
      });
    }
    policies.push(statements);
  }
  const specs: RequestSpec[] = [];
  for (let i = 0; i < 100; i++) {
    const service = `svc${(i * 7) % 50}`;
    const j = i % 20;
    specs.push({
      ...BASE_REQUEST,
      action: `${service}:${i % 3 === 0 ? 'Other' : 'Action'}${j}${i % 2 === 0 ? 'x' : ''}`,
      resource: `arn:aws:${service}:us-east-1:${ACCOUNT}:res-${i % 5 === 4 ? (j + 1) % 20 : j}/item`,
      team: `team-${i % 3}`,
    });
  }
  return scenario('c-thousand-statements', '1,000 statements across 50 services', policies, specs);
}
