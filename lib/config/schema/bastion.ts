import { z } from "zod";
import { accessPolicyProblems } from "../../../modules/access/access-policies";
import { report } from "./common";

export const bastionSchema = z
  .strictObject({
    enabled: z.boolean().default(true).meta({ description: "An SSM-only EC2 instance used as a port-forward tunnel to the private endpoint." }),
    instanceType: z
      .string()
      .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: (iss) => `${JSON.stringify(iss.input)} is not an EC2 instance type; write family.size in lower case (example: t3.micro)` })
      .default("t3.micro"),
    accessPolicy: z
      .string()
      .superRefine((p, ctx) => report(ctx, accessPolicyProblems(p)))
      .default("AmazonEKSClusterAdminPolicy")
      .meta({ description: "EKS access policy of the bastion's role, at cluster scope.", examples: ["AmazonEKSClusterAdminPolicy"] }),
  })
  .prefault({})
  .meta({ description: "The SSM bastion." });

