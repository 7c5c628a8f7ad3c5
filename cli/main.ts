/**
 * Entry point of the `island-chain` CLI: runs the command and sets the exit code.
 * User errors print one line (or a list of field errors) and never a stack trace;
 * exit codes are listed in `--help` (cli/errors.ts).
 */
import { CommanderError } from 'commander';
import { CliError, EXIT } from './errors.ts';
import { buildProgram, type Io } from './program.ts';

// A closed pipe (`island-chain play … | head`) ends the output quietly.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

const io: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    // Commander has already printed its message (or the help); map its exit to ours.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof CliError) {
      io.err(`island-chain: ${e.message}`);
      return e.exitCode;
    }
    io.err(`island-chain: internal error: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.ISLAND_CHAIN_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    else io.err('(this is a bug in Island Chain; set ISLAND_CHAIN_DEBUG=1 to see the stack)');
    return EXIT.internal;
  }
}

process.exitCode = await run(process.argv.slice(2));
