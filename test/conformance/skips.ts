/**
 * The one place that lists which conformance tests are skipped and why.
 *
 * A skip is honest only for a feature the project documents as unsupported; each entry names that feature
 * and is a gap to close, not a way to hide a failure. Keyed by test id (protocol tests) or by
 * `<suite>/<case>` (SigV4).
 */

/** A skipped test and the documented reason. @internal */
export interface Skip {
  readonly id: string;
  readonly reason: string;
  /** Only in this suite (e.g. `iot-managed-integrations endpoint`); ids like `endpoint[8] …` are per model. */
  readonly suite?: string;
}

/**
 * The model's endpoint cases for the ISO partitions were written when each partition's `dualStackDnsSuffix`
 * equalled its `dnsSuffix`; the rule set builds URLs from `dualStackDnsSuffix`, and the partition data the
 * official SDK ships today (`@aws-sdk/util-endpoints` → `@aws-sdk/core` partitions) has newer suffixes. We
 * keep today's data, so these expectations are stale, not a resolver bug.
 */
function staleIsoSuffix(partition: string, expected: string, current: string): string {
  return (
    `stale partition data in the model's endpoint test: ${partition} dualStackDnsSuffix is "${current}" in the ` +
    `partition data of @aws-sdk/util-endpoints (what the official SDK resolves today); the case expects the older "${expected}"`
  );
}

/** The stale cases: first case index (FIPS on; the next is FIPS off), region, partition, expected and current suffix. @internal */
export const STALE_ISO_CASES: readonly (readonly [index: number, region: string, partition: string, expected: string, current: string])[] = [
  [8, "us-iso-east-1", "aws-iso", "c2s.ic.gov", "api.aws.ic.gov"],
  [10, "us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov", "api.aws.scloud"],
  [12, "eu-isoe-west-1", "aws-iso-e", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk"],
  [14, "us-isof-south-1", "aws-iso-f", "csp.hci.ic.gov", "api.aws.hci.ic.gov"],
];

/** Request cases that expect a client to fill in @default values the caller did not set. @internal */
export const CLIENT_DEFAULT_FILLING: readonly string[] = [
  "RestJsonClientPopulatesDefaultValuesInInput",
  "RestJsonClientPopulatesNestedDefaultValuesWhenMissing",
];

/**
 * Add an entry only together with the documentation of the unsupported feature or the stale expectation.
 * @internal
 */
export const SKIPS: readonly Skip[] = [
  ...CLIENT_DEFAULT_FILLING.map((id) => ({
    id,
    reason:
      "client-side @default filling: these cases expect the client to serialize @default values the caller did not set; " +
      "iotmi, like the AWS SDK for JavaScript v3, sends only what the caller gave (codegen/README.md, Decisions), so a " +
      "service can change a default without every client restating the old one",
  })),
  ...STALE_ISO_CASES.flatMap(([index, region, partition, expected, current]) =>
    (["on", "off"] as const).map((fips, i) => ({
      suite: "iot-managed-integrations endpoint",
      id: `endpoint[${index + i}] Resolves with region ${region}, FIPS ${fips}`,
      reason: staleIsoSuffix(partition, expected, current),
    })),
  ),
];

/** The reason `id` (in `suite`) is skipped, if it is. @internal */
export function skipReason(id: string, skips: readonly Skip[] = SKIPS, suite?: string): string | undefined {
  return skips.find((s) => s.id === id && (s.suite === undefined || s.suite === suite))?.reason;
}
