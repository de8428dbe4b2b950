/**
 * Entry point of `npm run generate`: runs the generator driver with the process arguments.
 */
import { runDriver } from "./driver.js";

process.exitCode = runDriver(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
});
