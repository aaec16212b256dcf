import { z } from "zod";
import { addonVersionProblems } from "../../modules/cluster/addon-rules";
import { report } from "./common";

const version = z
  .string()
  .superRefine((v, ctx) => report(ctx, addonVersionProblems(v)))
  .meta({ examples: ["v1.19.2-eksbuild.1", "latest"] });

const addon = z
  .strictObject({
    version: version.optional().meta({
      description:
        "Default: EKS's default version for the cluster's Kubernetes version, resolved at plan time, so a cluster.version change upgrades the add-on in the same apply. latest: the newest for that Kubernetes version. v<semver>-eksbuild.<n>: a pin, which wins.",
    }),
  })
  .prefault({});

export const addonsSchema = z
  .strictObject({
    "vpc-cni": addon,
    "kube-proxy": addon,
    coredns: addon,
    "eks-pod-identity-agent": addon,
  })
  .prefault({})
  .meta({ description: "EKS managed add-ons (all four are always installed; only versions are settable)." });
