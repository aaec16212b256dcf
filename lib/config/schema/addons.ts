import { z } from "zod";

const version = z
  .string()
  .regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, { error: (iss) => `${JSON.stringify(iss.input)} is not an add-on version; use the form vX.Y.Z-eksbuild.N (example: v1.19.2-eksbuild.1), or leave it out for the default` })
  .meta({ examples: ["v1.19.2-eksbuild.1"] });

const addon = z.strictObject({ version: version.optional().meta({ description: "Pinned version; default: the latest compatible version at creation." }) }).prefault({});

export const addonsSchema = z
  .strictObject({
    "vpc-cni": addon,
    "kube-proxy": addon,
    coredns: addon,
    "eks-pod-identity-agent": addon,
  })
  .prefault({})
  .meta({ description: "EKS managed add-ons (all four are always installed; only versions are settable)." });

