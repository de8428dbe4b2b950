/**
 * Turns model names into command-line names the way the AWS CLI does (`S3Url` → `s3-url`,
 * `CreateOtaTask` → `create-ota-task`, `DeviceARNs` → `device-arns`), so option names follow the model.
 *
 * @packageDocumentation
 */

const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;
// A trailing plural acronym (`ARNs`, `ACLs`) stays one word.
const PLURAL_ACRONYM = /[A-Z]{2,}s$/;

/**
 * Converts a CamelCase model name to lower-case words joined by `sep`.
 * @public
 */
export function toCliName(name: string, sep = "-"): string {
  if (name.includes(sep)) return name;
  let value = name;
  const plural = PLURAL_ACRONYM.exec(value);
  if (plural !== null) value = `${value.slice(0, -plural[0].length)}${sep}${plural[0].toLowerCase()}`;
  return value.replace(FIRST_CAP, `$1${sep}$2`).replace(END_CAP, `$1${sep}$2`).toLowerCase();
}

/**
 * The option of a member: `--` plus its CLI name.
 * @public
 */
export function optionName(memberName: string): string {
  return `--${toCliName(memberName)}`;
}
