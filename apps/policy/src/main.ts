import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { runServiceCli } from '@iam/service-host';
import { POLICY_SERVICE } from './policy.service-definition.js';

export { POLICY_SERVICE };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runServiceCli(POLICY_SERVICE, process.argv.slice(2));
}
