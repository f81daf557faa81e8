import { describe, expect, it } from 'vitest';
import { checkServicePrefix, toServiceDefinition } from './service-registration.js';

const withType = (arnPattern: string) => ({
  servicePrefix: 'orders',
  actions: [{ name: 'GetOrder', accessLevel: 'Read', resourceTypes: ['order'] }],
  resourceTypes: [{ name: 'order', arnPattern }],
});

function problemsOf(work: () => unknown): string[] {
  try {
    work();
    return [];
  } catch (error) {
    return (error as { problems?: string[] }).problems ?? [(error as Error).message];
  }
}

describe(checkServicePrefix.name, () => {
  it.each(['s3', 'execute-api', 'orders', 'a1-b2'])('accepts %s', (prefix) => {
    expect(checkServicePrefix(prefix)).toBe(prefix);
  });

  it.each([
    'iam',
    'sts',
    'cloudtrail',
    'access-analyzer',
    'aws',
    'S3',
    '3d',
    'a',
    'a_b',
    'a-',
    `a${'b'.repeat(40)}`,
  ])('refuses %s with InvalidInput', (prefix) => {
    expect(() => checkServicePrefix(prefix)).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    );
  });
});

describe(toServiceDefinition.name, () => {
  it.each([
    'arn:${Partition}:orders:${Region}:${Account}:order/${OrderId}',
    'arn:${Partition}:orders:::order/${OrderId}',
    'arn:${Partition}:orders::${Account}:store/${StoreId}/order/${OrderId}',
    'arn:${Partition}:orders:${Region}::order:${OrderId}',
  ])('accepts the ARN pattern %s', (pattern) => {
    expect(toServiceDefinition(withType(pattern)).resourceTypes[0]!.arnPattern).toBe(pattern);
  });

  it.each([
    ['arn:aws:orders:::order/${OrderId}', 'must start with'],
    ['arn:${Partition}:billing:::order/${OrderId}', 'must start with'],
    ['arn:${Partition}:orders:eu-west-1::order/${OrderId}', 'empty region or'],
    ['arn:${Partition}:orders::123456789012:order/${OrderId}', 'empty account or'],
    ['arn:${Partition}:orders:::', 'must have a resource part'],
    ['arn:${Partition}:orders:::order/*', 'characters outside'],
    ['arn:${Partition}:orders:::order/${Order Id}', 'characters outside'],
    ['arn:${Partition}:orders:::order/${OrderId', 'characters outside'],
  ])('refuses the ARN pattern %s', (pattern, problem) => {
    const problems = problemsOf(() => toServiceDefinition(withType(pattern)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('keeps the definition, defaulting the name to the prefix and the lists to empty', () => {
    expect(
      toServiceDefinition({
        servicePrefix: 'orders',
        actions: [{ name: 'ListOrders', accessLevel: 'List' }],
      }),
    ).toEqual({
      prefix: 'orders',
      name: 'orders',
      actions: [{ name: 'ListOrders', accessLevel: 'List', resourceTypes: [], conditionKeys: [] }],
      resourceTypes: [],
      conditionKeys: [],
    });
  });

  it('accepts aws: tag keys and its own keys, and bounds what an action lists', () => {
    const definition = toServiceDefinition({
      servicePrefix: 'orders',
      actions: [
        {
          name: 'TagOrder',
          accessLevel: 'Tagging',
          conditionKeys: ['aws:TagKeys', 'ORDERS:region'],
        },
      ],
      conditionKeys: [
        { name: 'aws:TagKeys', type: 'ArrayOfString' },
        { name: 'orders:Region', type: 'String' },
        { name: 'orders:Label/${TagKey}', type: 'String' },
      ],
    });
    expect(definition.conditionKeys).toHaveLength(3);
    const problems = problemsOf(() =>
      toServiceDefinition({
        servicePrefix: 'orders',
        actions: [
          { name: 'A', accessLevel: 'Read', resourceTypes: Array.from({ length: 21 }, () => 'x') },
        ],
      }),
    );
    expect(problems).toEqual(['at most 20 actions[0].resourceTypes, got 21']);
  });

  it('lists at most 50 problems', () => {
    const problems = problemsOf(() =>
      toServiceDefinition({
        servicePrefix: 'orders',
        actions: Array.from({ length: 80 }, () => ({ name: '!', accessLevel: 'Read' })),
      }),
    );
    expect(problems).toHaveLength(51);
    expect(problems[50]).toBe('and 30 more problem(s)');
  });
});
