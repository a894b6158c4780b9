import { type Command, CommanderError } from 'commander';
import packageJson from '../../package.json';
import { describeError, type ErrorHints } from './errors';
import { EXIT, type ExitCode, type ExitCodeSelection, exitCodeHelp } from './exit-codes';
import { jsonText, type Output } from './render';

/** The project's version, from package.json (`--version`); a bundle holds it, as it has no package.json beside it. */
export function projectVersion(): string {
  return packageJson.version;
}

/** `-c key=value` is repeatable. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The options every command of the operator's tools takes: which configuration, which AWS. */
export interface GlobalOptions {
  readonly config?: string;
  readonly context: string[];
  readonly profile?: string;
  readonly region?: string;
}

/** Adds the global options: configuration (--config, -c) and AWS (--profile, --region). */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--config <path>', 'a configuration file to read instead of backup-account.json')
    .option(
      '-c, --context <key=value>',
      'override a configuration key, as cdk -c does (repeatable)',
      collect,
      [],
    )
    .option('--profile <name>', 'AWS profile to use (default: the usual credential chain)')
    .option('--region <region>', "AWS region (must be the configuration's backup_region)");
}

/**
 * The shared behaviour of the command line: `--version`, the exit-code table in `--help`, global
 * options shown in each command's help, an unknown option reported with the nearest known one and
 * a one-line pointer to `--help` (not the whole help), output through `io`.
 */
export function configureProgram(
  program: Command,
  io: Output,
  after: string,
  exitCodes?: ExitCodeSelection,
): Command {
  return program
    .version(projectVersion(), '--version', 'print the version and exit')
    .addHelpText('after', `\n${exitCodeHelp(exitCodes)}\n${after}`)
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true)
    .showHelpAfterError(`(run ${program.name()} --help, or ${program.name()} <command> --help, for usage)`)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, '')),
      writeErr: (text) => io.err(text.replace(/\n$/, '')),
    });
}

/** Prints a failure as one line, `<tool>: <message>` (no stack trace), and returns its exit code. */
export function reportError(
  tool: string,
  error: unknown,
  err: (text: string) => void,
  hints?: ErrorHints,
): ExitCode {
  const { message, exitCode } = describeError(error, hints);
  err(`${tool}: ${message}`);
  return exitCode;
}

/**
 * Parses and runs `argv` (without the node and script entries); returns the exit code. With no
 * arguments it prints the help and returns the usage code, unless the tool runs without any
 * (`runsWithoutArguments`: the health check).
 */
export async function runProgram(
  program: Command,
  argv: readonly string[],
  io: Output,
  exitCode: () => ExitCode,
  hints?: ErrorHints,
  { runsWithoutArguments = false }: { readonly runsWithoutArguments?: boolean } = {},
): Promise<number> {
  if (argv.length === 0 && !runsWithoutArguments) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode();
  } catch (error) {
    // Commander has printed its own message (usage errors), the help or the version (exit code 0).
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok;
      if (wantsJson(argv)) io.out(jsonText({ error: error.message, exitCode: EXIT.usage }));
      return EXIT.usage;
    }
    const code = reportError(program.name(), error, io.err, hints);
    if (wantsJson(argv)) io.out(jsonText({ error: describeError(error, hints).message, exitCode: code }));
    return code;
  }
}

/**
 * `--json` was asked for: a failure then also prints a JSON object on standard output, `{ "error",
 * "exitCode" }` as in a result, so that a consumer of the JSON never reads an empty output.
 */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/**
 * Reports the first of `names` that was not given, as Commander reports a missing required
 * option. Checked in the action, after Commander has reported unknown options: a misspelled
 * `--principle` is then an unknown option (with the nearest known one), not a missing one.
 */
export function requireOptions(command: Command, names: readonly string[]): void {
  for (const option of command.options) {
    const name = option.attributeName();
    if (names.includes(name) && command.getOptionValue(name) === undefined) {
      command.error(`error: required option '${option.flags}' not specified`, {
        code: 'commander.missingMandatoryOptionValue',
        exitCode: EXIT.usage,
      });
    }
  }
}
