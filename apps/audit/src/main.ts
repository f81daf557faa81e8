import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { runServiceCli } from '@iam/service-host';
import { AUDIT_SERVICE } from './audit.service-definition.js';

export { AUDIT_SERVICE };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runServiceCli(AUDIT_SERVICE, process.argv.slice(2));
}
