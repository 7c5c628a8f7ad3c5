/**
 * Exit codes and the one error type the CLI raises for anything a user can get wrong.
 * A `CliError` is printed as its message alone — never with a stack trace.
 */

/** Process exit codes, listed in `island-chain --help`. */
export const EXIT = {
  ok: 0,
  /** A file could not be read or is not valid: missing file, bad JSON, scenario or record errors. */
  input: 1,
  /** The command line is wrong: unknown command or option, bad --seats, unknown scenario id. */
  usage: 2,
  /** `replay --verify` or `report` found a round whose state hash differs, or an action the rules reject. */
  diverged: 3,
  /** A bug in Island Chain itself; ISLAND_CHAIN_DEBUG=1 prints the stack. */
  internal: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  input error: a file is missing, is not valid JSON, or fails validation
  2  usage error: unknown command or option, bad --seats, unknown scenario id
  3  replay --verify or report: the replay diverges from the record (the first diverging round is named)
  4  internal error (a bug; set ISLAND_CHAIN_DEBUG=1 to see the stack)`;

/** An error a person can act on: printed as `island-chain: <message>` and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
