// `arbiter …` (npm run arbiter -- …, or the `arbiter` bin): see cli-program.ts for the commands.
import { runCli } from './cli-program';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }).then((code) => {
  process.exitCode = code;
});
