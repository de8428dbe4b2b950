/**
 * The type of the package's own `iotmi/codegen` entry (dist/codegen/driver.js, built from codegen/ by
 * tsconfig.codegen.json), which `iotmi generate` loads: declared here so the CLI compiles without the
 * generator's build.
 */
declare module "iotmi/codegen" {
  export function runDriver(
    argv: readonly string[],
    io: { readonly cwd: string; readonly stdout: (line: string) => void; readonly stderr: (line: string) => void },
    mode: { readonly program: string; readonly defaultRuntimeImport?: string; readonly requireModelAndOut?: boolean },
  ): number;
}
