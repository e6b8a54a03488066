#!/usr/bin/env node
import { buildPointprintProgram, runProgram } from '../lib/cli/program';
import { processDeps } from '../lib/cli/process-deps';

const deps = { ...processDeps(), setExitCode: (c: number) => void (process.exitCode = c) };
void runProgram(buildPointprintProgram(deps), process.argv.slice(2), deps);
