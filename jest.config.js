/** Jest transpiles with SWC (no type-checking; `npm run typecheck` does that once, separately). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Tests that apply to moto (__tests__/day2/*.day2.test.ts) take minutes: npm run test:day2 (jest.day2.config.js).
  testPathIgnorePatterns: ["/node_modules/", "\\.day2\\.test\\.ts$"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  globalSetup: "<rootDir>/__tests__/global-setup.js",
  testTimeout: 120000,
  // Jest defaults to cores - 1 workers: one, on a 2-core machine. Much of the suite waits on
  // terraform and moto child processes, so a worker per core keeps both cores busy (94 s → 61 s).
  maxWorkers: 2,
};
