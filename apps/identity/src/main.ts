import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { runServiceCli } from '@iam/service-host';
import { IDENTITY_SERVICE } from './identity.service-definition.js';

export { IDENTITY_SERVICE };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runServiceCli(IDENTITY_SERVICE, process.argv.slice(2));
}
