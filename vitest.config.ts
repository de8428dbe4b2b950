import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration suites start real loopback servers; keep them from starving each other on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
