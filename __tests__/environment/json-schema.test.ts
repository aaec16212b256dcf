import { readFileSync } from "node:fs";
import { join } from "node:path";
import { environmentJsonSchema } from "../../environment/json-schema";
import { ROOT } from "../support/environment";

describe("JSON Schema for editors", () => {
  test("schema/environment.schema.json is generated from the zod schema (run `npm run schema` after changing it)", () => {
    // GIVEN the committed schema/environment.schema.json WHEN the JSON Schema is generated from the zod schema again THEN they are equal
    const committed = JSON.parse(readFileSync(join(ROOT, "schema", "environment.schema.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(environmentJsonSchema())));
  });

  test("it refuses unknown keys and documents defaults, like the loader", () => {
    // GIVEN the generated JSON Schema THEN no unknown keys, name and region required, azCount 2 to 6 with default 3
    const schema = environmentJsonSchema() as any;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["name", "region"]);
    expect(schema.properties.network.properties.azCount).toMatchObject({ minimum: 2, maximum: 6, default: 3 });
  });

  test("the shipped environments point editors at it", () => {
    // GIVEN the shipped dev.yaml THEN its first line is the yaml-language-server comment naming the schema
    expect(readFileSync(join(ROOT, "config", "dev.yaml"), "utf8").split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../schema/environment.schema.json",
    );
  });
});
