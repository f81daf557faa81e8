import { existsSync } from 'node:fs';

/** True when a Docker engine looks reachable (DOCKER_HOST set, or the default socket exists). */
export function dockerAvailable(): boolean {
  return Boolean(process.env['DOCKER_HOST']) || existsSync('/var/run/docker.sock');
}
