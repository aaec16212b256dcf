import { readFileSync } from "node:fs";
import { join } from "node:path";

// The README table "What each edit does" is generated from the change-safety matrix's committed
// results (npm run test:day2 keeps those equal to what it observes): it cannot drift from either.
const { renderTable, tableInReadme, results } = require("../../scripts/change-table.js");

describe("README: What each edit does", () => {
  test("the table equals the one generated from change-safety.results.json", () => {
    // GIVEN the committed results of the change-safety matrix
    const expected = renderTable(results());
    // WHEN the README's table is read
    const actual = tableInReadme(readFileSync(join(__dirname, "..", "..", "README.md"), "utf8"));
    // THEN it is exactly the generated one (fix: node scripts/change-table.js --write)
    expect(actual).toBe(expected);
  });

  test("every edit of the matrix has a row", () => {
    // GIVEN the matrix's edits; WHEN the results are read; THEN each edit has its row, in order
    const { EDITS } = require("./edits");
    expect(results().rows.map((r: { name: string }) => r.name)).toEqual(EDITS.map((e: { name: string }) => e.name));
  });
});
