import { stackIds } from "./stack-ids";
import { formatPath } from "../core/problems";
import { stateLocations } from "./schema/backend";
import { tunnelPort } from "./schema/bastion";
import { EnvironmentConfig } from "./schema/environment";

/**
 * What no single environment file can show: two environments whose stacks would share one S3 state
 * object, and two whose bastion tunnels would listen on one local port. Each problem is reported
 * on the later file, as `<file>: <key path>: <what and the fix>`.
 */
export function acrossEnvironmentProblems(environments: readonly { file: string; config: EnvironmentConfig }[]): string[] {
  const lines: string[] = [];
  const states = new Map<string, string>();
  const ports = new Map<number, string>();
  for (const { file, config } of environments) {
    const key = formatPath(["backend", "s3", "key"]);
    for (const { stack, location } of stateLocations(config.backend, config.name, stackIds(config))) {
      const other = states.get(location);
      if (other) {
        lines.push(
          `${file}: ${key}: stack ${stack} would keep its state in ${location}, which ${other} already uses; every stack needs its own state: put {stack} in the key (example: eks/{stack}.tfstate)`,
        );
      } else {
        states.set(location, `stack ${stack} (${file})`);
      }
    }
    if (!config.bastion.enabled) continue;
    const port = tunnelPort(config);
    const other = ports.get(port);
    const given = config.bastion.localPort !== undefined;
    if (other) {
      lines.push(
        `${file}: bastion.localPort: ${given ? "" : "the default "}${port} is already the tunnel port of ${other}, so the two tunnels cannot run at once; ` +
          `set bastion.localPort to a free port from 1024 to 65535 in one of them (example: ${freePort(ports)})`,
      );
    } else {
      ports.set(port, `environment ${config.name} (${file})`);
    }
  }
  return lines;
}

function freePort(used: ReadonlyMap<number, string>): number {
  let port = 8443;
  while (used.has(port)) port++;
  return port;
}

/** Options of `loadEnvironments`. */
export interface LoadOptions {
  /**
   * Also reject environments whose state is local (CI: the runner and its state are thrown away).
   * @default false
   */
  readonly requireRemoteState?: boolean;
}
