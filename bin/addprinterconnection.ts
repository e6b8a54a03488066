#!/usr/bin/env node
import { buildAddPrinterConnectionProgram, runProgram } from '../lib/cli/program';

const deps = {
  stdout: (s: string) => void process.stdout.write(s),
  stderr: (s: string) => void process.stderr.write(s),
  setExitCode: (c: number) => void (process.exitCode = c),
};
void runProgram(buildAddPrinterConnectionProgram(deps), process.argv.slice(2), deps);
