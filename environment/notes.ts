import { accessPolicyNote } from "../modules/access/access-policies";
import { parsePrincipalArn } from "../modules/access/principal-arn";
import { noAdministratorNote } from "./admin-note";
import { NO_ACCESS_POLICY } from "./schema/bastion";
import { EnvironmentConfig } from "./schema/environment";
import { versionSupportNote } from "../modules/cluster/kubernetes-versions";

/**
 * Notes that depend on the day synth runs, each `<key path>: <note>`: the cluster's Kubernetes
 * version leaving standard support within 120 days, or already out of it (extended support is
 * billed at a higher hourly rate). Kept apart from environmentNotes so that loading a config gives
 * the same answer on any day.
 */
export function datedNotes(config: EnvironmentConfig, today: Date = new Date()): string[] {
  const note = versionSupportNote(config.cluster.version, today, config.cluster.upgradePolicy);
  return note ? [`cluster.version: ${note}`] : [];
}

/**
 * Things worth telling the user that are not mistakes, each `<key path>: <note>`: an access policy
 * ARN naming a policy this package does not know (AWS adds policies), a cluster nobody can
 * administer (see noAdministratorNote), and a principal kept in
 * aws-auth that also has an access entry (allowed while migrating; the access entry wins).
 */
export function environmentNotes(config: EnvironmentConfig): string[] {
  const notes: string[] = [];
  const policyNote = (arn: string, path: string) => {
    const note = accessPolicyNote(arn);
    if (note) notes.push(`${path}: ${note}`);
  };
  if (config.bastion.enabled && config.bastion.accessPolicy !== NO_ACCESS_POLICY)
    policyNote(config.bastion.accessPolicy, "bastion.accessPolicy");
  config.accessEntries.forEach((e, i) =>
    e.accessPolicies?.forEach((p, j) => policyNote(p.policyARN, `accessEntries[${i}].accessPolicies[${j}].policyARN`)),
  );
  const noAdmin = noAdministratorNote(config);
  if (noAdmin) notes.push(`accessEntries: ${noAdmin}`);
  const entries = new Map<string, number>();
  config.accessEntries.forEach((e, i) => {
    const p = parsePrincipalArn(e.principalARN);
    if (p) entries.set(`${p.account}:${p.kind}/${p.name}`, i);
  });
  const legacy = config.legacyAwsAuth;
  if (!legacy) return notes;
  const check = (arn: string, path: string) => {
    const p = parsePrincipalArn(arn);
    const entry = p ? entries.get(`${p.account}:${p.kind}/${p.name}`) : undefined;
    if (entry !== undefined) {
      notes.push(
        `${path}: ${arn} also has an access entry (accessEntries[${entry}]); while both exist the access entry wins — drop this mapping once the entry is verified`,
      );
    }
  };
  legacy.mapRoles.forEach((m, i) => check(m.rolearn, `legacyAwsAuth.mapRoles[${i}]`));
  legacy.mapUsers.forEach((m, i) => check(m.userarn, `legacyAwsAuth.mapUsers[${i}]`));
  return notes;
}
