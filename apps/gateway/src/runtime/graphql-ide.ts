import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Where the gateway serves the IDE's scripts and styles (outside production only). */
export const IDE_ASSET_PREFIX = '/graphql/ide/';

/** What the headers editor holds when the IDE opens: the one header every operation but sign-in needs. */
export const IDE_DEFAULT_HEADERS =
  '{"Authorization": "Bearer <paste a session token from signIn>"}';

/** The query editor's first content: how to get a token, then the sign-in that returns one. */
export const IDE_DEFAULT_QUERY = `# IAM GraphQL IDE (outside production only)
#
# Every operation except signIn and refreshSession needs a bearer token in the
# Headers tab below: {"Authorization": "Bearer <token>"}. Without it the schema,
# the docs and every other operation answer "authentication required".
#
# To get a session token:
#  1. Run the signIn mutation below (it needs no token) with an IAM user's
#     account (12-digit id or alias), user name and password; add mfaCode when
#     the user has an MFA device.
#  2. Paste its sessionToken into the Headers tab in place of the placeholder.
#  3. Re-fetch the schema: the circular-arrow button at the bottom left, or
#     Shift-Ctrl-R.
#
# The platform administrator's token (IAM_PLATFORM_ADMIN_TOKEN; in the quick
# start, platformAdminToken in .data/secrets.json) works in the header too.

mutation SignIn {
  signIn(input: { account: "123456789012", userName: "alice", password: "..." }) {
    sessionToken
    expiresAt
    passwordResetRequired
  }
}
`;

// The files of @graphql-yoga/graphiql's build the page loads, and their content types. Only these are served: a
// request names one of them, never a path of its own.
const JS = 'text/javascript; charset=utf-8';
const PACKAGE_ASSETS: Readonly<Record<string, string>> = {
  'graphiql.css': 'text/css; charset=utf-8',
  'yoga-graphiql.umd.js': JS,
  'monacoeditorwork/editor.worker.bundle.js': JS,
  'monacoeditorwork/json.worker.bundle.js': JS,
  // Sic: the package names its GraphQL worker with two dots.
  'monacoeditorwork/graphql.worker..bundle.js': JS,
};

// Starts the IDE with the options the page carries as JSON. A file of its own rather than an inline script, so the
// page's content security policy allows scripts from the gateway only. Monaco's workers load from the same place.
const START_SCRIPT = `'use strict';
(function () {
  var base = new URL('.', document.currentScript.src).toString();
  var workers = {
    editorWorkerService: 'monacoeditorwork/editor.worker.bundle.js',
    json: 'monacoeditorwork/json.worker.bundle.js',
    graphql: 'monacoeditorwork/graphql.worker..bundle.js',
  };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return base + (workers[label] || workers.editorWorkerService);
    },
  };
  var options = JSON.parse(document.getElementById('ide-options').textContent);
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
})();
`;
const START_SCRIPT_NAME = 'start.js';

/**
 * Headers of the IDE page. SECURITY: scripts, workers and fetches from the gateway only (no CDN, no inline script);
 * inline styles are allowed because the editor sets them; the page may not be framed.
 */
export const IDE_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self'",
    "connect-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** The options the page passes to the IDE. */
export interface IdePageOptions {
  readonly title: string;
}

/** JSON that is safe inside a `<script>` element (no `</script>`, no HTML comment). */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * The IDE page (GraphiQL as built by `@graphql-yoga/graphiql`), loading everything from the gateway itself: it works
 * without internet. The headers editor starts with the `Authorization` header to fill in and the query editor with
 * how to get a token. SECURITY: headers are not kept in the browser's storage, so a pasted token ends with the tab.
 */
export function renderIdePage(options: IdePageOptions): string {
  const ideOptions = {
    title: escapeHtml(options.title),
    endpoint: '/graphql',
    headers: IDE_DEFAULT_HEADERS,
    query: IDE_DEFAULT_QUERY,
    shouldPersistHeaders: false,
  };
  const asset = (name: string) => `${IDE_ASSET_PREFIX}${name}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(options.title)}</title>`,
    '<link rel="icon" href="data:,">',
    `<link rel="stylesheet" href="${asset('graphiql.css')}">`,
    `<script type="application/json" id="ide-options">${scriptSafeJson(ideOptions)}</script>`,
    '</head>',
    '<body id="body" class="no-focus-outline">',
    '<noscript>The GraphQL IDE needs JavaScript.</noscript>',
    `<div id="root">Loading ${escapeHtml(options.title)}…</div>`,
    `<script src="${asset('yoga-graphiql.umd.js')}"></script>`,
    `<script src="${asset(START_SCRIPT_NAME)}"></script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

let packageDist: string | undefined;

/** The folder of @graphql-yoga/graphiql's build (resolved once, from this module). */
function graphiqlDist(): string {
  packageDist ??= join(
    dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql/package.json')),
    'dist',
  );
  return packageDist;
}

const ASSET_HEADERS = {
  'cache-control': 'public, max-age=3600',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Answers `GET /graphql/ide/<file>` with one of the IDE's files: the status sent, or `null` when the path names none
 * of them (the caller answers 404). A file that cannot be read rejects before anything is sent.
 */
export async function sendIdeAsset(pathname: string, res: ServerResponse): Promise<number | null> {
  if (!pathname.startsWith(IDE_ASSET_PREFIX)) return null;
  const name = pathname.slice(IDE_ASSET_PREFIX.length);
  if (name === START_SCRIPT_NAME) {
    res.writeHead(200, {
      ...ASSET_HEADERS,
      'content-type': JS,
      'content-length': Buffer.byteLength(START_SCRIPT),
    });
    res.end(START_SCRIPT);
    return 200;
  }
  const contentType = Object.hasOwn(PACKAGE_ASSETS, name) ? PACKAGE_ASSETS[name] : undefined;
  if (contentType === undefined) return null;
  const file = await open(join(graphiqlDist(), name));
  try {
    const { size } = await file.stat();
    res.writeHead(200, {
      ...ASSET_HEADERS,
      'content-type': contentType,
      'content-length': size,
    });
    await pipeline(file.createReadStream({ autoClose: false }), res);
  } finally {
    await file.close();
  }
  return 200;
}
