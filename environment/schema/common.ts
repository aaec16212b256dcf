import { z } from "zod";
import { cidrProblem } from "../../core/cidr";
import { Problem } from "../../core/problems";

/** Adds problems found by a shared validator (paths relative to the value) to a zod context. */
export function report(ctx: z.RefinementCtx, problems: Problem[]): void {
  for (const p of problems) ctx.addIssue({ code: "custom", path: [...p.path], message: p.message });
}

/** An IPv4 network CIDR such as 10.0.0.0/16. */
export const cidr = z
  .string()
  .superRefine((value, ctx) => {
    const problem = cidrProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .meta({ examples: ["10.0.0.0/16"] });

/** CloudWatch Logs accepts only these retention periods (0 = never expire). */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const retentionDays = z
  .number()
  .int()
  .superRefine((value, ctx) => {
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(value)) {
      ctx.addIssue({
        code: "custom",
        message: `${value} is not a CloudWatch Logs retention period; use one of ${LOG_RETENTION_DAYS.join(", ")} (0 keeps logs forever; at least 365 is recommended)`,
      });
    }
  })
  .meta({ examples: [365] });

/** Resource tags: string keys and string values; AWS reserves keys starting with `aws:`. */
export const tags = z
  .record(z.string().min(1).max(128), z.string().max(256))
  .superRefine((t, ctx) => {
    for (const key of Object.keys(t)) {
      if (key.toLowerCase().startsWith("aws:"))
        ctx.addIssue({ code: "custom", path: [key], message: `tag keys starting with "aws:" are reserved by AWS; rename the tag` });
    }
  })
  .meta({ examples: [{ Environment: "dev" }] });
