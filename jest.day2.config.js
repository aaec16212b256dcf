/** npm run test:day2: the tests that apply to moto (change-safety matrix, destroy, node group sizes, network, review on real plans; minutes; not in npm test). */
const base = require("./jest.config");
module.exports = {
  ...base,
  roots: ["<rootDir>/__tests__/day2"],
  testMatch: ["**/*.day2.test.ts"],
  testPathIgnorePatterns: [],
  // The matrix synthesizes from the TypeScript sources (SWC) and runs no compiled app: no build step.
  globalSetup: undefined,
  testTimeout: 1_200_000,
  maxWorkers: 1,
};
