/**
 * `npm run report -- [--config PATH] [-c key=value ...] [--out PATH] [--version]`: writes the access matrix for
 * the configuration in effect, loaded the way the app loads it. The committed docs/access-matrix.md
 * is the example configuration's: it is written whenever the configuration in effect is the
 * example's, wherever it was read from. Any other configuration goes to access-matrix.local.md
 * (git-ignored), so that real account IDs never land in a tracked file. Uses the IAM engine, a
 * devDependency: never imported by the app.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Command, CommanderError } from 'commander';
import { parseContextPairs } from '../lib/cli/config';
import { CliError } from '../lib/cli/errors';
import { EXIT } from '../lib/cli/exit-codes';
import { projectVersion } from '../lib/cli/program';
import { ConfigError } from '../lib/config/errors';
import { EXAMPLE_FILE, loadConfig } from '../lib/config/load';
import type { BackupAccountConfig } from '../lib/config/types';
import { renderAccessMatrix } from '../lib/analysis/access-matrix';

export const REPORT_PATH = 'docs/access-matrix.md';
export const LOCAL_REPORT_PATH = 'access-matrix.local.md';
/** The command that regenerates the committed report, whatever configuration the checkout holds. */
export const REGENERATE_COMMAND = `npm run report -- --config ${EXAMPLE_FILE}`;

const EXIT_CODES = `Exit codes:
  ${EXIT.ok}  the report was written
  ${EXIT.unexpected}  unexpected error
  ${EXIT.usage}  invalid arguments or configuration`;

export interface ReportDeps {
  /** The project folder: where the configuration is looked for and relative paths start. */
  readonly cwd: string;
  /** The environment, where npm leaves `npm_config_config=true` when it took `--config` for itself. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly render?: (config: BackupAccountConfig, source: string) => Promise<string>;
}

/** Runs `report` with `argv` (the arguments after `--`); returns the exit code. */
export async function reportMain(argv: readonly string[], deps: ReportDeps): Promise<number> {
  let options: { config?: string; context?: string[]; out?: string } | undefined;
  const program = new Command('npm run report --')
    .description(
      'Writes the access matrix: who may do what on each vault and key, as an IAM policy engine decides from the policies that the configuration synthesizes.',
    )
    .option('--config <path>', 'a configuration file to read instead of backup-account.json')
    .option(
      '-c, --context <key=value>',
      'override a configuration key, as cdk -c does (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--out <path>',
      `where to write (default: ${REPORT_PATH} for the example configuration, ${LOCAL_REPORT_PATH} for any other)`,
    )
    .version(projectVersion(), '--version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', `\n${EXIT_CODES}`)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.out(text.trimEnd()),
      writeErr: (text) => deps.err(text.trimEnd()),
      outputError: (text, write) =>
        write(`${text.trimEnd()}\n(run npm run report -- --help for the options)`),
    })
    .action((parsed) => {
      options = parsed;
    });
  try {
    // `npm run report -- --config a -- -c k=v`: a second `--` reaches the script as an argument.
    program.parse(
      argv.filter((arg) => arg !== '--'),
      { from: 'user' },
    );
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.excessArguments') deps.err(npmTookOptions(deps.env ?? process.env));
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  if (options === undefined) return EXIT.usage;
  try {
    const loaded = loadConfig({
      directory: deps.cwd,
      file: options.config,
      context: parseContextPairs(options.context ?? []),
    });
    if (loaded.notice) deps.err(loaded.notice);
    const isExample = isDeepStrictEqual(loaded.config, exampleConfig(deps.cwd));
    // The example's report is the committed one, byte for byte, whatever file it was read from.
    const source = isExample ? EXAMPLE_FILE : loaded.source;
    const out = options.out ?? (isExample ? REPORT_PATH : LOCAL_REPORT_PATH);
    const markdown = await (deps.render ?? renderAccessMatrix)(loaded.config, source);
    mkdirSync(dirname(resolve(deps.cwd, out)), { recursive: true });
    writeFileSync(resolve(deps.cwd, out), markdown);
    deps.err(
      `wrote ${out} for ${isExample ? `the example configuration (${loaded.source})` : loaded.source}`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CliError) {
      deps.err(error.message);
      return EXIT.usage;
    }
    throw error;
  }
}

/**
 * Why a value arrived without its option: `npm run report --config FILE` (no `--`) makes npm take
 * `--config` as its own setting and pass only FILE to the script.
 */
function npmTookOptions(env: Readonly<Record<string, string | undefined>>): string {
  const taken = ['config', 'out'].filter((name) => env[`npm_config_${name}`] === 'true');
  const which = taken.length > 0 ? taken.map((name) => `--${name}`).join(' and ') : 'the options';
  const follows = taken.length === 1 ? 'it follows' : 'they follow';
  return `npm keeps ${which} for itself unless ${follows} --: run npm run report -- --config FILE [-c key=value ...] [--out FILE]`;
}

function exampleConfig(directory: string): BackupAccountConfig {
  return loadConfig({ directory, file: EXAMPLE_FILE }).config;
}

if (require.main === module) {
  reportMain(process.argv.slice(2), {
    cwd: process.cwd(),
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`report: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = EXIT.unexpected;
    },
  );
}
