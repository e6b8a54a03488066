/**
 * pathshift.dll — a sample Point-and-Print module, loaded from a module config such as
 *   { "modules": { "pathshift.dll": "./pathshift.js" } }
 * It shows the plug-in path: the same contract as a Windows Point and Print DLL
 * (GenerateCopyFilePaths, SpoolerCopyFileEvent), written in plain CommonJS.
 *
 * What it does with the paths — one subdirectory per client processor architecture, named like
 * the environment directories of PRINT$ (x64, W32X86, ARM64, IA64):
 *  - On the server (dwFlags = COPYFILE_FLAG_SERVER_SPOOLER), SourceDir gets `\x64`, `\W32X86`,
 *    `\ARM64` or `\IA64` appended, chosen from SPLCLIENT_INFO_1.wProcessorArchitecture, so each
 *    client downloads the build made for it:
 *    `\\NTPRINT\PRINT$\Watermarks` -> `\\NTPRINT\PRINT$\Watermarks\x64`.
 *    TargetDir is left relative and unchanged (`Watermarks`).
 *  - On the client (COPYFILE_FLAG_CLIENT_SPOOLER), TargetDir gets the same subdirectory:
 *    `C:\Windows\System32\spool\drivers\Watermarks` -> `...\drivers\Watermarks\x64`;
 *    SourceDir is kept.
 * An unknown architecture returns ERROR_NOT_SUPPORTED (50); a path that would not fit its
 * buffer returns ERROR_INSUFFICIENT_BUFFER (122), as a careful DLL would.
 */
'use strict';

const ERROR_SUCCESS = 0;
const ERROR_NOT_SUPPORTED = 50;
const ERROR_INSUFFICIENT_BUFFER = 122;
const COPYFILE_FLAG_CLIENT_SPOOLER = 0x1;
const COPYFILE_FLAG_SERVER_SPOOLER = 0x2;

/** PROCESSOR_ARCHITECTURE_* -> subdirectory. */
const ARCHITECTURE_DIRECTORIES = { 0: 'W32X86', 6: 'IA64', 9: 'x64', 12: 'ARM64' };

function architectureDirectory(clientInfo) {
  return ARCHITECTURE_DIRECTORIES[clientInfo.processorArchitecture];
}

function append(dir, sub) {
  return dir.endsWith('\\') ? dir + sub : `${dir}\\${sub}`;
}

module.exports = {
  name: 'pathshift.dll',
  architectureDirectory,

  generateCopyFilePaths(input) {
    const sub = architectureDirectory(input.clientInfo);
    if (sub === undefined)
      return { status: ERROR_NOT_SUPPORTED, sourceDir: input.sourceDir, targetDir: input.targetDir };
    let { sourceDir, targetDir } = input;
    if (input.flags & COPYFILE_FLAG_SERVER_SPOOLER) sourceDir = append(sourceDir, sub);
    else if (input.flags & COPYFILE_FLAG_CLIENT_SPOOLER) targetDir = append(targetDir, sub);
    if (sourceDir.length + 1 > input.sourceDirSize || targetDir.length + 1 > input.targetDirSize) {
      return { status: ERROR_INSUFFICIENT_BUFFER, sourceDir: input.sourceDir, targetDir: input.targetDir };
    }
    return { status: ERROR_SUCCESS, sourceDir, targetDir };
  },

  spoolerCopyFileEvent(_printerName, _key, _event) {
    return true;
  },
};
