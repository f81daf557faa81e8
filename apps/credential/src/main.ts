import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { runServiceCli } from '@iam/service-host';
import { CREDENTIAL_SERVICE } from './credential.service-definition.js';

export { CREDENTIAL_SERVICE };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runServiceCli(CREDENTIAL_SERVICE, process.argv.slice(2));
}
