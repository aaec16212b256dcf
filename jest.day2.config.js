/** npm run test:day2: the change-safety matrix and destroy tests against moto (minutes; not in npm test). */
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
