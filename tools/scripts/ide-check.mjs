#!/usr/bin/env node
// Checks the GraphQL IDE of the quick start in a real browser, offline: starts the embedded suite (`npm start`'s
// runner, built) in a temporary data folder, signs an IAM user in, then drives a headless Chromium that may reach
// loopback addresses only (every other host resolves to nothing and goes to a dead proxy) through the DevTools
// protocol. It asserts that
//   - the IDE page loads and renders from the gateway alone, and requests no URL outside loopback;
//   - without a token the schema is refused and the page says to add the `Authorization` header;
//   - with the documented header (`{"Authorization": "Bearer <sessionToken from signIn>"}`) typed into the
//     headers editor, the documentation explorer shows the schema (the `User` type);
//   - the page breaks no rule of its content security policy and throws no error.
// Usage: `node tools/scripts/build.mjs && node tools/scripts/ide-check.mjs` (CHROMIUM=path overrides the browser).
// Prints one line per check and `N passed, N failed`; exits 1 when a check fails.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const EMBEDDED_ENTRY = join(repoRoot, 'tools', 'embedded', 'dist', 'src', 'main.js');
const CHROMIUM = process.env.CHROMIUM ?? 'chromium';
const PASSWORD = 'Offline browser: violet lantern 93';

const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `\n     ${detail}` : ''}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value; that value, or `undefined` after `timeoutMs`. */
async function eventually(probe, timeoutMs = 20_000, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) return undefined;
    await sleep(intervalMs);
  }
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

/** Stops a child process: `signal`, then SIGKILL if it has not exited after `graceMs`. */
async function stopProcess(child, signal, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await Promise.race([exited, sleep(graceMs)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** A loopback URL, or one that never leaves the browser (data:, blob:, about:). */
function isLocal(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

// --- the quick start -------------------------------------------------------------------------------------------

/** Starts the embedded suite; resolves with its gateway URL and a stop function. */
async function startQuickStart(dataDir) {
  if (!existsSync(EMBEDDED_ENTRY)) {
    throw new Error(`${EMBEDDED_ENTRY} is missing: run \`node tools/scripts/build.mjs\` first`);
  }
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOG_LEVEL: 'warn',
    IAM_DATA_DIR: dataDir,
    GATEWAY_PORT: String(await freePort()),
    IAM_EMBEDDED_POSTGRES_PORT: String(await freePort()),
  };
  for (const service of ['IDENTITY', 'POLICY', 'CREDENTIAL', 'AUDIT']) {
    env[`${service}_PORT`] = String(await freePort());
  }
  const child = spawn(process.execPath, [EMBEDDED_ENTRY], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d.toString()));
  child.stderr.on('data', (d) => (output += d.toString()));
  // SIGINT: the runner stops its services and PostgreSQL; its data folder is removed afterwards.
  const stop = () => stopProcess(child, 'SIGINT', 15_000);
  const endpoint = await eventually(() => {
    if (child.exitCode !== null) throw new Error(`the quick start exited:\n${output}`);
    return /GraphQL:\s+(\S+)/.exec(output)?.[1];
  }, 120_000);
  if (!endpoint) {
    await stop();
    throw new Error(`the quick start did not start within 120 s:\n${output}`);
  }
  return { endpoint, output: () => output, stop };
}

/** `npm start` prints where the IDE and the readiness check are; the readiness check answers 200 `ok`. */
async function checkPrintedUrls(output, endpoint) {
  const ide = /IDE:\s+(\S+)/.exec(output)?.[1];
  const ready = /Ready:\s+(\S+)/.exec(output)?.[1];
  check('the quick start prints the IDE URL', ide === endpoint, output);
  check(
    'the quick start prints the /health/ready URL',
    ready === new URL('/health/ready', endpoint).toString(),
    output,
  );
  if (ready === undefined) return;
  const response = await eventually(async () => {
    const answer = await fetch(ready);
    return answer.status === 200 ? answer : (await answer.body?.cancel(), null);
  }, 30_000);
  const body = response ? await response.json() : null;
  check('/health/ready answers 200 {"status":"ok"} once the suite is up', body?.status === 'ok');
}

async function graphql(endpoint, query, variables, token) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** An account with an IAM user who has a password; the user's session token from `signIn`. */
async function signedInUser(endpoint, adminToken) {
  const alias = `ide-check-${Date.now().toString(36)}`;
  const { createAccount } = await graphql(
    endpoint,
    'mutation ($alias: String!) { createAccount(input: { alias: $alias }) { account { accountId } } }',
    { alias },
    adminToken,
  );
  const accountId = createAccount.account.accountId;
  await graphql(
    endpoint,
    'mutation ($a: ID!) { createUser(input: { accountId: $a, userName: "ide-user" }) { user { userName } } }',
    { a: accountId },
    adminToken,
  );
  await graphql(
    endpoint,
    'mutation ($a: ID!, $p: String!) { createLoginProfile(input: { accountId: $a, userName: "ide-user", password: $p }) { loginProfile { userName } } }',
    { a: accountId, p: PASSWORD },
    adminToken,
  );
  const { signIn } = await graphql(
    endpoint,
    'mutation ($a: String!, $p: String!) { signIn(input: { account: $a, userName: "ide-user", password: $p }) { sessionToken } }',
    { a: alias, p: PASSWORD },
  );
  return signIn.sessionToken;
}

// --- Chromium over the DevTools protocol ---------------------------------------------------------------------

/** Starts Chromium headless, limited to loopback; resolves with its DevTools WebSocket URL and a stop function. */
async function startChromium(folder) {
  const args = [
    '--headless=new',
    '--remote-debugging-port=0',
    '--remote-debugging-address=127.0.0.1',
    `--user-data-dir=${join(folder, 'profile')}`,
    // Offline: every name but loopback resolves to nothing, and anything not on loopback goes to a closed port.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    '--proxy-server=127.0.0.1:9',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--window-size=1400,900',
    // Chromium refuses its sandbox as root (CI runs as root); the page is our own, from loopback.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    'about:blank',
  ];
  // Its temporary files (a singleton socket) go in our folder too, removed with it.
  mkdirSync(join(folder, 'tmp'), { recursive: true });
  const browser = spawn(CHROMIUM, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TMPDIR: join(folder, 'tmp') },
  });
  let stderr = '';
  browser.stderr.on('data', (d) => (stderr += d.toString()));
  const failed = new Promise((_, reject) => {
    browser.once('error', (error) => reject(new Error(`cannot run ${CHROMIUM}: ${error.message}`)));
  });
  const wsUrl = await Promise.race([
    failed,
    eventually(() => {
      if (browser.exitCode !== null) throw new Error(`Chromium exited:\n${stderr}`);
      return /DevTools listening on (ws:\/\/\S+)/.exec(stderr)?.[1];
    }, 30_000),
  ]);
  const stop = () => stopProcess(browser, 'SIGTERM', 5_000);
  if (!wsUrl) {
    await stop();
    throw new Error(`Chromium did not open its DevTools port:\n${stderr}`);
  }
  return { wsUrl, stop };
}

/** A minimal DevTools protocol client over Node's WebSocket: commands, and listeners per event name. */
async function connect(wsUrl) {
  const socket = new WebSocket(wsUrl);
  await new Promise((resolveOpen, reject) => {
    socket.addEventListener('open', () => resolveOpen(), { once: true });
    socket.addEventListener('error', () => reject(new Error('DevTools connection failed')), {
      once: true,
    });
  });
  let nextId = 1;
  const pending = new Map();
  const listeners = new Map();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    if (message.id !== undefined) {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (!waiter) return;
      if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
      else waiter.resolve(message.result);
      return;
    }
    for (const listener of listeners.get(message.method) ?? []) listener(message.params);
  });
  return {
    send(method, params = {}, sessionId) {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      return new Promise((resolveCall, reject) =>
        pending.set(id, { resolve: resolveCall, reject, method }),
      );
    },
    on(method, listener) {
      listeners.set(method, [...(listeners.get(method) ?? []), listener]);
    },
    close() {
      socket.close();
    },
  };
}

/** A page (tab) of the browser, with what it requested and reported. */
async function openPage(cdp) {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  const send = (method, params) => cdp.send(method, params, sessionId);
  const requests = [];
  const problems = [];
  const responses = [];
  // Worker targets (Monaco's) report their own requests: follow them too.
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: true,
  });
  cdp.on('Network.requestWillBeSent', (p) => requests.push(p.request.url));
  cdp.on('Network.responseReceived', (p) =>
    responses.push({ url: p.response.url, status: p.response.status }),
  );
  cdp.on('Runtime.exceptionThrown', (p) =>
    problems.push(
      `exception: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`,
    ),
  );
  cdp.on('Log.entryAdded', (p) => {
    if (p.entry.level === 'error') problems.push(`${p.entry.source}: ${p.entry.text}`);
  });
  await send('Network.enable');
  await send('Runtime.enable');
  await send('Log.enable');
  await send('Page.enable');
  const evaluate = async (expression) => {
    const { result, exceptionDetails } = await send('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
    return result.value;
  };
  /** Clicks the centre of the first visible element `selector` matches; false when there is none. */
  const click = async (selector) => {
    const box = await evaluate(`(() => {
      for (const element of document.querySelectorAll(${JSON.stringify(selector)})) {
        const r = element.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      return null;
    })()`);
    if (!box) return false;
    for (const type of ['mousePressed', 'mouseReleased']) {
      await send('Input.dispatchMouseEvent', {
        type,
        x: box.x,
        y: box.y,
        button: 'left',
        clickCount: 1,
      });
    }
    return true;
  };
  const key = async (keyName, code, keyCode, modifiers = 0, commands = []) => {
    for (const type of ['keyDown', 'keyUp']) {
      await send('Input.dispatchKeyEvent', {
        type,
        key: keyName,
        code,
        windowsVirtualKeyCode: keyCode,
        modifiers,
        ...(type === 'keyDown' ? { commands } : {}),
      });
    }
  };
  return {
    send,
    evaluate,
    click,
    key,
    requests,
    responses,
    problems,
    // Monaco draws spaces as no-break spaces.
    text: async () => (await evaluate('document.body.innerText')).replace(/\u00a0/g, ' '),
    close: () => cdp.send('Target.closeTarget', { targetId }),
  };
}

// --- the checks ----------------------------------------------------------------------------------------------

/** The text of the documentation explorer pane, or `null` while it is not shown. */
const docsText = (page) =>
  page.evaluate(`document.querySelector('.graphiql-doc-explorer')?.innerText ?? null`);

async function checkIde(page, endpoint, sessionToken) {
  await page.send('Page.navigate', { url: endpoint });
  const rendered = await eventually(
    () => page.evaluate(`!!document.querySelector('.graphiql-container .graphiql-editor')`),
    30_000,
  );
  check(
    'the IDE renders from the gateway alone',
    Boolean(rendered),
    (await page.text()).slice(0, 300),
  );
  if (!rendered) return;

  // The query editor explains how to get a token; the headers editor holds the header to fill in.
  const text = await page.text();
  check(
    'the query editor says how to get a token (signIn) and where to put it',
    text.includes('mutation SignIn') && text.includes('{"Authorization": "Bearer <token>"}'),
    text.slice(0, 300),
  );
  const headers = await page.evaluate(
    `document.querySelector('section.graphiql-editor-tool[aria-label="Headers"]')?.innerText ?? ''`,
  );
  check(
    'the headers editor holds {"Authorization": "Bearer <paste a session token from signIn>"}',
    headers
      .replace(/\u00a0/g, ' ')
      .includes('{"Authorization": "Bearer <paste a session token from signIn>"}'),
    headers,
  );

  // Without a token the schema is refused: the explorer has no schema, the answer says authentication required.
  await page.click('button[aria-label="Show Documentation Explorer"]');
  const refused = await eventually(async () => {
    const docs = await docsText(page);
    return (
      docs?.includes('Error fetching schema') && /authentication required/.test(await page.text())
    );
  }, 15_000);
  const docsWithout = (await docsText(page)) ?? '';
  check(
    'without a token the explorer shows no schema and the answer says "authentication required"',
    Boolean(refused) && !/\bUser\b/.test(docsWithout),
    `${docsWithout}\n${(await page.text()).slice(0, 400)}`,
  );

  // Type the documented header into the headers editor, as a user would, and re-fetch the schema.
  await page.click('section.graphiql-editor-tool[aria-label="Headers"] .view-line');
  await page.key('a', 'KeyA', 65, 2);
  await page.send('Input.insertText', { text: `{"Authorization": "Bearer ${sessionToken}"}` });
  // The editor closes brackets and quotes as they are typed: drop what it added after the cursor.
  await page.key('End', 'End', 35, 8);
  await page.key('Delete', 'Delete', 46);
  await page.click('button[aria-label^="Re-fetch GraphQL schema"]');
  const typeShown = await eventually(async () => {
    const docs = await docsText(page);
    return docs !== null && /Root Types/.test(docs) && /^User$/m.test(docs);
  }, 20_000);
  check(
    'with the documented header the documentation explorer shows the schema (type User)',
    Boolean(typeShown),
    ((await docsText(page)) ?? (await page.text())).slice(0, 800),
  );
  if (process.env.IDE_CHECK_SCREENSHOT) {
    const { data } = await page.send('Page.captureScreenshot', { format: 'png' });
    writeFileSync(process.env.IDE_CHECK_SCREENSHOT, Buffer.from(data, 'base64'));
  }
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'iam-ide-check-'));
  // As root, the quick start runs PostgreSQL as the `postgres` user, who must be able to traverse to its data.
  chmodSync(work, 0o711);
  let quickStart;
  let chromium;
  let cdp;
  try {
    // IDE_CHECK_ENDPOINT and IDE_CHECK_DATA_DIR point at a suite already running (a quick start's data folder).
    let endpoint = process.env.IDE_CHECK_ENDPOINT;
    const dataDir = process.env.IDE_CHECK_DATA_DIR ?? join(work, 'data');
    if (!endpoint) {
      quickStart = await startQuickStart(dataDir);
      endpoint = quickStart.endpoint;
      console.log(`quick start up: ${endpoint}`);
      await checkPrintedUrls(quickStart.output(), endpoint);
    }
    const adminToken = JSON.parse(
      readFileSync(join(dataDir, 'secrets.json'), 'utf8'),
    ).platformAdminToken;
    const sessionToken = await signedInUser(endpoint, adminToken);

    chromium = await startChromium(join(work, 'chromium'));
    cdp = await connect(chromium.wsUrl);
    const page = await openPage(cdp);
    await checkIde(page, endpoint, sessionToken);

    const outside = [...new Set(page.requests.filter((url) => !isLocal(url)))];
    check(
      'the page requested no URL outside loopback',
      page.requests.length > 0 && outside.length === 0,
      outside.join(', ') || 'no request seen',
    );
    const failedAssets = page.responses.filter(
      (r) => r.url.includes('/graphql/ide/') && r.status !== 200,
    );
    check(
      "every one of the IDE's files loaded from the gateway",
      page.responses.some((r) => r.url.includes('/graphql/ide/yoga-graphiql.umd.js')) &&
        failedAssets.length === 0,
      JSON.stringify(failedAssets),
    );
    // The 401 of the refused schema fetch is expected; any other error (a CSP violation, an exception) is not.
    const unexpected = page.problems.filter((p) => !/status of 401/.test(p));
    check(
      'no content security policy violation and no script error',
      unexpected.length === 0,
      unexpected.join('\n     '),
    );
    await page.close();
  } catch (error) {
    check(
      'the check ran',
      false,
      error instanceof Error ? (error.stack ?? error.message) : String(error),
    );
  } finally {
    // Closed through the protocol first, so that it exits cleanly.
    if (cdp) await Promise.race([cdp.send('Browser.close').catch(() => undefined), sleep(3_000)]);
    cdp?.close();
    await chromium?.stop();
    await quickStart?.stop();
    rmSync(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

await main();
