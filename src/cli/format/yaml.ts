/**
 * `--output yaml` and `yaml-stream`: block-style YAML in response order; `yaml-stream` writes each page as an
 * item of a top-level list. Loaded only when one of these formats is asked for.
 *
 * @packageDocumentation
 */
import { stringify } from "yaml";

/** @public */
export function formatYaml(data: unknown, stream: boolean): string {
  const value = stream ? [data ?? null] : data ?? null;
  // The timestamp tag makes date-like strings quoted, as the AWS CLI's YAML writer quotes them.
  return stringify(value, { indentSeq: false, lineWidth: 0, sortMapEntries: true, singleQuote: true, customTags: ["timestamp"] });
}
