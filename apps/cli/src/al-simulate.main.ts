// `npm run al:simulate -- …` (scripts/al-simulate.mjs runs this file): the simulation command under its original
// name, flags, output and errors; `arbiter al simulate` runs the same command.
import { Command } from 'commander';
import { configureAlSimulate } from './commands/al-simulate.command';

configureAlSimulate(new Command('al:simulate'))
  .parseAsync()
  .catch((error: unknown) => {
    process.stderr.write(`al:simulate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
