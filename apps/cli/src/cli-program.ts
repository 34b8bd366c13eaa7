// The `arbiter` command tree, run in-process (main.ts passes the real streams; specs pass their own).
import { ArbiterError } from '@arbiter/sdk';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io';
import { configureAlSimulate } from './commands/al-simulate.command';
import { importCommand } from './commands/import.command';
import { loginCommand } from './commands/login.command';
import { snapshotCommand } from './commands/snapshot.command';

export function arbiterProgram(io: CliIo): Command {
  const program = new Command('arbiter')
    .description('Arbiter from the command line: snapshots, imports, active-learning simulation')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  program.addCommand(loginCommand(io));
  program.addCommand(snapshotCommand(io));
  program.addCommand(importCommand(io));
  const al = program.command('al').description('Active learning');
  configureAlSimulate(al.command('simulate'));
  // Added commands do not inherit these settings; every command writes through io and never exits by itself.
  const apply = (c: Command) => {
    if (c.name() !== 'simulate') c.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    c.exitOverride().showHelpAfterError('(run with --help for usage)');
    c.commands.forEach(apply);
  };
  program.commands.forEach(apply);
  return program;
}

function describe(error: unknown): string {
  if (error instanceof ArbiterError) {
    const fields = error.errors.map((e) => `\n  ${e.path}: ${e.message}`).join('');
    return `${error.message}${error.code && error.status ? ` [${error.code}]` : ''}${fields}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs one command line; resolves with the exit code. Errors go to stderr, never stdout. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    await arbiterProgram(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    // Commander already printed its own message (unknown option, missing argument) or the help.
    if (error instanceof CommanderError) return error.exitCode;
    io.stderr.write(`arbiter: ${describe(error)}\n`);
    return 1;
  }
}
