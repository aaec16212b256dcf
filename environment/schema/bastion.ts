import { z } from "zod";
import { accessPolicyProblems } from "../../modules/access/access-policies";
import { BASTION_INSTANCE_TYPE, bastionInstanceTypeProblem } from "../../modules/bastion/bastion-rules";
import { INSTANCE_TYPE } from "../../modules/cluster/node-group-rules";
import { report } from "./common";

/** `bastion.accessPolicy` when the bastion's role gets no access entry: the tunnel needs none. */
export const NO_ACCESS_POLICY = "none";

/** Local ports derived from environment names: 8443–8999. */
export const TUNNEL_PORT_RANGE = { from: 8443, to: 8999 } as const;

const notAPort = (iss: { input?: unknown }) =>
  `${String(iss.input)} is not a local port for the tunnel; use a whole number from 1024 to 65535 (example: 8443)`;

export const bastionSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .meta({ description: "An SSM-only EC2 instance used as a port-forward tunnel to the private endpoint." }),
    instanceType: z
      .string()
      .regex(INSTANCE_TYPE, { error: (iss) => bastionInstanceTypeProblem(String(iss.input)) })
      .default(BASTION_INSTANCE_TYPE),
    accessPolicy: z
      .string()
      .superRefine((p, ctx) => {
        if (p !== NO_ACCESS_POLICY) report(ctx, accessPolicyProblems(p));
      })
      .default(NO_ACCESS_POLICY)
      .meta({
        description:
          "EKS access policy of the bastion's role, at cluster scope. Default none: the tunnel needs no Kubernetes access (operators authenticate as themselves through it); a policy lets anyone who can start a Session Manager session on the bastion use it, and the review flags it.",
        examples: ["none", "AmazonEKSViewPolicy"],
      }),
    localPort: z
      .number()
      .int({ error: notAPort })
      .min(1024, { error: notAPort })
      .max(65535, { error: notAPort })
      .optional()
      .meta({
        description: `The port tunnel_command listens on and the kubeconfig output uses. Default: derived from the environment name, ${TUNNEL_PORT_RANGE.from}–${TUNNEL_PORT_RANGE.to}; environments synthesized together must not share one.`,
        examples: [8443],
      }),
  })
  .prefault({})
  .meta({ description: "The SSM bastion." });

/**
 * The default local port of an environment's tunnel: a 32-bit FNV-1a hash of its name into
 * 8443–8999, so two environments' tunnels can run side by side and a name always gets the same port.
 */
export function defaultTunnelPort(environment: string): number {
  let hash = 0x811c9dc5;
  for (const ch of environment) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return TUNNEL_PORT_RANGE.from + (hash % (TUNNEL_PORT_RANGE.to - TUNNEL_PORT_RANGE.from + 1));
}

/** The local port of an environment's tunnel: `bastion.localPort`, else derived from the name. */
export function tunnelPort(config: { name: string; bastion: { localPort?: number } }): number {
  return config.bastion.localPort ?? defaultTunnelPort(config.name);
}
