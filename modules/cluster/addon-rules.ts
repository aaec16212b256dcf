import { Problem } from "../../core/problems";

/** EKS add-on versions look like `v1.19.2-eksbuild.1`. */
const ADDON_VERSION = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;

/** Problems with an add-on version: a pin `v<semver>-eksbuild.<n>`, or `latest`. */
export function addonVersionProblems(version: string): Problem[] {
  if (version === "latest" || ADDON_VERSION.test(version)) return [];
  return [
    {
      path: [],
      message: `${JSON.stringify(version)} is not an add-on version; pin one in the form vX.Y.Z-eksbuild.N (example: v1.19.2-eksbuild.1), write latest for the newest, or leave it out for EKS's default for the cluster's Kubernetes version`,
    },
  ];
}
