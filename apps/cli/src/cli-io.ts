// What a command may touch: its output streams, the environment and stdin, passed in so specs run the CLI in-process.
import type { Readable, Writable } from 'node:stream';
import { ArbiterClient } from '@arbiter/sdk';
import { type Env, resolveCredentials } from './credential-store';

export interface CliIo {
  /** Results only (one JSON line, a table); never progress or logs. */
  stdout: Writable;
  /** Progress bars, prompts and errors. */
  stderr: Writable;
  stdin: Readable;
  env: Env;
}

export const clientFor = (io: CliIo) => new ArbiterClient(resolveCredentials(io.env));

export const printLine = (stream: Writable, line: string) => stream.write(`${line}\n`);
