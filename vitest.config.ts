import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration suites start real loopback servers; keep them from starving each other on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Only loopback is reachable here: no test may fall through to instance metadata (169.254.169.254).
    env: { AWS_EC2_METADATA_DISABLED: "true" },
  },
});
