import { INSTALL_KUBERNETES_BINDINGS, KUBERNETES_BINDINGS, kubernetesBindingsInstalled } from "../modules/shared/kubernetes-bindings";
import { createsServiceAccount, PodRoleOptions } from "../modules/pod-roles/pod-role-rules";
import { Problem, formatPath } from "../core/problems";

/** What of an environment depends on the installed provider bindings (structural: used inside the schema). */
interface BindingNeeds {
  readonly name: string;
  readonly cluster: { readonly authenticationMode: string };
  readonly legacyAwsAuth?: { readonly mapRoles: readonly unknown[]; readonly mapUsers: readonly unknown[] };
  readonly podRoles: readonly PodRoleOptions[];
}

/**
 * A valid environment that the installed bindings cannot build: today, the in-cluster stack
 * without the optional `@cdktf/provider-kubernetes`. Reported at the first key that needs it, with
 * the others named, so the file gets one line for one missing package.
 */
export function installedBindingProblems(env: BindingNeeds, kubernetesInstalled = kubernetesBindingsInstalled()): Problem[] {
  if (kubernetesInstalled) return [];
  const needs: { path: (string | number)[]; otherwise: string }[] = [];
  const legacy = env.legacyAwsAuth;
  if (legacy && env.cluster.authenticationMode === "API_AND_CONFIG_MAP" && legacy.mapRoles.length + legacy.mapUsers.length > 0) {
    needs.push({ path: ["legacyAwsAuth"], otherwise: "or remove legacyAwsAuth once every mapping is an access entry" });
  }
  env.podRoles.forEach((role, i) => {
    if (createsServiceAccount(role))
      needs.push({ path: ["podRoles", i], otherwise: "or set createServiceAccount: false and create the ServiceAccount yourself" });
  });
  if (needs.length === 0) return [];
  const [first, ...others] = needs;
  const also = others.length ? ` (so do ${others.map((n) => formatPath(n.path)).join(", ")})` : "";
  return [
    {
      path: first.path,
      message: `needs the ${env.name}-in-cluster stack${also}, which uses the optional peer dependency ${KUBERNETES_BINDINGS}, not installed; run ${INSTALL_KUBERNETES_BINDINGS}, ${first.otherwise}`,
    },
  ];
}
