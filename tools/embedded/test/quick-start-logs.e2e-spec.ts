import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually } from '@iam/testing';
import { QuickStartProcess } from './support/quick-start-process.js';

// What a newcomer sees in the quick start's terminal. A terminal is not available to a test, so the readable
// format is forced with LOG_FORMAT, as a user may force it anywhere.

const PASSWORD = 'correct horse battery staple 42';
const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { sessionToken } }`;
/** A readable line: `HH:MM:SS.mmm LEVEL service ...`. */
const READABLE_LINE = /^\d\d:\d\d:\d\d\.\d{3} (TRACE|DEBUG|INFO |WARN |ERROR|FATAL) \S+/;
const STACK_LINE = /^\s+at /;

describe('the quick start terminal output', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'iam-quick-start-logs-'));
  const quickStart = new QuickStartProcess(dataDir, 'info');
  const graphql = quickStart.graphql.bind(quickStart);
  let accountId = '';

  /** Signs in with a wrong password; waits for the gateway's access line; the request id and all the lines. */
  async function wrongPasswordSignIn(): Promise<{ requestId: string; lines: string[] }> {
    const answer = await graphql(
      SIGN_IN,
      { input: { account: accountId, userName: 'alice', password: 'not the password' } },
      null,
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('InvalidCredentials');
    const requestId = answer.requestId!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await expectEventually(() => {
      const gatewayLine = quickStart.output
        .split('\n')
        .find((line) => line.includes(requestId) && line.includes('gateway'));
      expect(gatewayLine).toBeDefined();
    });
    return { requestId, lines: quickStart.output.split('\n') };
  }

  beforeAll(async () => {
    await quickStart.useFreePorts();
    quickStart.env['LOG_FORMAT'] = 'pretty';
    await quickStart.start();
    const created = await graphql(
      'mutation { createAccount(input: { alias: "logs" }) { account { accountId } } }',
      {},
    );
    accountId = (created.data as { createAccount: { account: { accountId: string } } })
      .createAccount.account.accountId;
    for (const [query, input] of [
      [
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`,
        { userName: 'alice' },
      ],
      [
        `mutation ($input: CreateLoginProfileInput!) { createLoginProfile(input: $input) { loginProfile { userName } } }`,
        { userName: 'alice', password: PASSWORD, passwordResetRequired: false },
      ],
    ] as const) {
      expect((await graphql(query, { input: { accountId, ...input } })).errors).toBeUndefined();
    }
    // A session token in use starts the gateway's revocation-list poll (every second).
    const signedIn = await graphql(
      SIGN_IN,
      { input: { account: accountId, userName: 'alice', password: PASSWORD } },
      null,
    );
    const session = (signedIn.data as { signIn: { sessionToken: string } }).signIn.sessionToken;
    expect((await graphql('{ getCallerIdentity { arn } }', {}, session)).errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
  }, 120_000);

  afterAll(async () => {
    await quickStart.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a sign-in failure as one readable line naming the service and the request id, not an error, without a stack', async () => {
    const { requestId, lines } = await wrongPasswordSignIn();
    const failure = lines.filter(
      (line) => line.includes('InvalidCredentials') || line.includes('incorrect'),
    );
    expect(failure).toHaveLength(1);
    const [line] = failure as [string];
    expect(line).toMatch(READABLE_LINE);
    expect(line).toMatch(
      new RegExp(
        `^\\S+ INFO  identity +req=${requestId} signIn refused: .*code=InvalidCredentials`,
      ),
    );
    expect(line).not.toContain('ERROR');
    expect(lines[lines.indexOf(line) + 1] ?? '').not.toMatch(STACK_LINE);

    // The request's other lines are its access lines (identity's and the gateway's), readable too.
    const ofRequest = lines.filter((l) => l.includes(requestId));
    expect(ofRequest).toHaveLength(3);
    expect(ofRequest.every((l) => READABLE_LINE.test(l) && !l.includes('ERROR'))).toBe(true);
    expect(ofRequest.filter((l) => l.includes('POST /graphql 200'))).toHaveLength(2);

    // Nothing of the session is an error, a stack or a JSON line; the revocation-list poll is not shown.
    expect(lines.filter((l) => / ERROR /.test(l) || STACK_LINE.test(l))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
    expect(lines.filter((l) => l.includes('/internal/'))).toEqual([]);
  });

  it('writes JSON lines when its output is not a terminal and no format is forced', async () => {
    await quickStart.stop();
    delete quickStart.env['LOG_FORMAT'];
    await quickStart.start();
    const { requestId, lines } = await wrongPasswordSignIn();
    const failure = lines.filter((line) => line.includes('InvalidCredentials'));
    expect(failure).toHaveLength(1);
    expect(JSON.parse(failure[0]!)).toMatchObject({
      level: 30,
      service: 'identity',
      requestId,
      code: 'InvalidCredentials',
      msg: expect.stringMatching(/^signIn refused: /),
    });
  }, 120_000);
});
