#!/usr/bin/env node
// Thin shim: the CLI is TypeScript compiled by the root `npm run build` (src/cli/main.ts → dist/src/cli/main.js).
import { main } from '../dist/src/cli/main.js';

// A closed pipe (`iam-policy evaluate … | head`) ends the output quietly, as Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main();
