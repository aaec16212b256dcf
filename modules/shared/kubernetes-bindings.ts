import { ValidationError } from "../../core/problems";

/**
 * `@cdktf/provider-kubernetes` is an optional peer dependency: only the `<name>-in-cluster` stack
 * (aws-auth mappings kept while migrating, ServiceAccounts for pod roles) uses it, so AWS-only
 * users need not install it. Its modules are loaded here, on first use, never when the package is
 * imported.
 */
export const KUBERNETES_BINDINGS = "@cdktf/provider-kubernetes";

/** The release line this package is developed and tested with. */
export const KUBERNETES_BINDINGS_RANGE = "^12.1.1";

interface KubernetesModules {
  provider: typeof import("@cdktf/provider-kubernetes/lib/provider");
  "config-map-v1-data": typeof import("@cdktf/provider-kubernetes/lib/config-map-v1-data");
  "service-account-v1": typeof import("@cdktf/provider-kubernetes/lib/service-account-v1");
}

/** Whether the optional Kubernetes bindings can be loaded from where this package is installed. */
export function kubernetesBindingsInstalled(): boolean {
  try {
    require.resolve(`${KUBERNETES_BINDINGS}/lib/provider`);
    return true;
  } catch {
    return false;
  }
}

/** The fix, for messages: what to run. */
export const INSTALL_KUBERNETES_BINDINGS = `npm install ${KUBERNETES_BINDINGS}@"${KUBERNETES_BINDINGS_RANGE}"`;

/**
 * One module of the Kubernetes bindings (deep import, like every provider class here). `user` names
 * what needs it, for the error when the package is missing.
 */
export function kubernetesModule<K extends keyof KubernetesModules>(name: K, user: string): KubernetesModules[K] {
  const id = `${KUBERNETES_BINDINGS}/lib/${name}`;
  try {
    return require(id);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && String((e as Error).message).includes(`'${id}'`)) {
      throw new ValidationError(
        `${user}: needs the optional peer dependency ${KUBERNETES_BINDINGS}, which is not installed; run ${INSTALL_KUBERNETES_BINDINGS}`,
      );
    }
    throw e;
  }
}
