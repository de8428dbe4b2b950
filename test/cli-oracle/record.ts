/**
 * Records the AWS CLI v2's behaviour on every matrix case into fixtures/aws-v2.json, which matrix.test.ts
 * replays when the AWS CLI is not installed. Usage (see awscli.md in the shared reference for the setup):
 *
 *     IOTMI_AWSCLI_V2=/usr/bin/aws IOTMI_AWSCLI_V2_DATA=<data path> npx tsx test/cli-oracle/record.ts [name filter]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { recordAws, type Recording } from "./harness.js";
import { matrix } from "./matrix.js";

const binary = process.env["IOTMI_AWSCLI_V2"];
const dataPath = process.env["IOTMI_AWSCLI_V2_DATA"];
if (binary === undefined || dataPath === undefined) {
  console.error("record: set IOTMI_AWSCLI_V2 and IOTMI_AWSCLI_V2_DATA");
  process.exit(2);
}
const file = fileURLToPath(new URL("./fixtures/aws-v2.json", import.meta.url));
let fixtures: Record<string, Recording> = {};
try {
  fixtures = JSON.parse(readFileSync(file, "utf8")) as Record<string, Recording>;
} catch {
  fixtures = {};
}
const filter = process.argv[2];
const chosen = matrix.filter((c) => filter === undefined || c.name.includes(filter));
const queue = [...chosen];
// Two at a time: the machine has two cores, and each run is a Python start-up.
await Promise.all(
  [0, 1].map(async () => {
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) {
      fixtures[c.name] = await recordAws(c, binary, dataPath);
      process.stdout.write(`recorded ${c.name}: exit ${fixtures[c.name]!.code}\n`);
    }
  }),
);
const ordered: Record<string, Recording> = {};
for (const c of matrix) if (fixtures[c.name] !== undefined) ordered[c.name] = fixtures[c.name]!;
writeFileSync(file, `${JSON.stringify(ordered, null, 1)}\n`);
console.log(`record: ${chosen.length} cases recorded, ${Object.keys(ordered).length} in ${file}`);
