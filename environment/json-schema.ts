import { z } from "zod";
import { environmentSchema } from "./schema/environment";

/**
 * The JSON Schema of an environment file, generated from the same zod schema that validates it,
 * for editors (`# yaml-language-server: $schema=...`). `schema/environment.schema.json` is this,
 * written by `npm run schema`; a test keeps the two equal.
 */
export function environmentJsonSchema(): object {
  return z.toJSONSchema(environmentSchema, { io: "input", unrepresentable: "any" });
}
