#!/usr/bin/env node
// Thin shim: the CLI is TypeScript compiled by the root `npm run build` (src/cli/main.ts → dist/src/cli/main.js).
import { main } from '../dist/src/cli/main.js';

main();
