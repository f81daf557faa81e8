/** Who caused an event. Never carries credentials. */
export interface EventActor {
  readonly type: 'platform-admin' | 'root' | 'user' | 'role-session' | 'federated-user' | 'service';
  readonly arn: string | null;
}

/**
 * The versioned envelope of every event on the bus. `id` is the consumers' idempotency key; `aggregateId` is the
 * record key, so one aggregate's events stay ordered. A breaking change of a payload is a new type (`.v2`).
 */
export interface EventEnvelope<TType extends string = string, TPayload = unknown> {
  readonly specVersion: 1;
  readonly id: string;
  readonly type: TType;
  readonly source: string;
  readonly accountId: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly occurredAt: string;
  readonly actor: EventActor | null;
  readonly payload: TPayload;
}

/** `iam.<service>.<aggregate>`: one topic per aggregate type. */
export function topicFor(source: string, aggregateType: string): string {
  return `iam.${source}.${aggregateType}`;
}

/** The topic an envelope is published to. */
export function topicOf(envelope: Pick<EventEnvelope, 'source' | 'aggregateType'>): string {
  return topicFor(envelope.source, envelope.aggregateType);
}

const ACTOR_TYPES = new Set([
  'platform-admin',
  'root',
  'user',
  'role-session',
  'federated-user',
  'service',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPE = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/** Result of {@link parseEventEnvelope}. */
export type ParseEnvelopeResult =
  | { readonly ok: true; readonly envelope: EventEnvelope }
  | { readonly ok: false; readonly problems: readonly string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the shape of an incoming envelope (consumers call it on every message) and lists every problem. */
export function parseEventEnvelope(value: unknown): ParseEnvelopeResult {
  if (!isRecord(value)) return { ok: false, problems: ['envelope is not an object'] };
  const problems: string[] = [];
  const str = (key: string) => typeof value[key] === 'string' && value[key] !== '';
  if (value['specVersion'] !== 1) problems.push('specVersion must be 1');
  if (!str('id') || !UUID.test(value['id'] as string)) problems.push('id must be a UUID');
  if (!str('type') || !TYPE.test(value['type'] as string))
    problems.push('type must look like `aggregate.verb.v1`');
  for (const key of ['source', 'aggregateType', 'aggregateId'] as const) {
    if (!str(key)) problems.push(`${key} must be a non-empty string`);
  }
  if (!str('accountId') || !/^\d{12}$/.test(value['accountId'] as string)) {
    problems.push('accountId must be 12 digits');
  }
  if (!str('occurredAt') || Number.isNaN(Date.parse(value['occurredAt'] as string))) {
    problems.push('occurredAt must be an ISO-8601 timestamp');
  }
  const actor = value['actor'];
  if (actor !== null) {
    if (
      !isRecord(actor) ||
      !ACTOR_TYPES.has(actor['type'] as string) ||
      !(actor['arn'] === null || typeof actor['arn'] === 'string')
    ) {
      problems.push('actor must be null or {type, arn}');
    }
  }
  if (!isRecord(value['payload'])) problems.push('payload must be an object');
  return problems.length === 0
    ? { ok: true, envelope: value as unknown as EventEnvelope }
    : { ok: false, problems };
}
