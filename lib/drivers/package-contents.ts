/**
 * What a driver package CAB holds, read without writing anything: every file's path, size and
 * SHA-256, and its INF files parsed as driver packages for one environment. The print server's
 * package catalog, the validator and previews use it; the client extracts to disk instead
 * (cabinet-sinks.ts) and reads the same INF model from there.
 */
import { CabinetReader, DEFAULT_CABINET_LIMITS, type CabinetFolderInfo, type CabinetLimits } from './cabinet-reader';
import { createDigestSink } from './cabinet-sinks';
import type { CabinetSource } from './cabinet-source';
import { readDriverPackageInf, type DriverPackageInf } from './driver-package-inf';
import { DEFAULT_INF_LIMITS, parseInf } from './inf-parser';

export interface PackageFileInfo {
  /** `amd64\UNIDRV.DLL`, as the cabinet names it (components checked). */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface PackageContents {
  readonly folders: readonly CabinetFolderInfo[];
  readonly blocks: number;
  readonly checksummedBlocks: number;
  /** By upper-cased path: Windows finds files case-insensitively. */
  readonly files: ReadonlyMap<string, PackageFileInfo>;
  /** The INF files at the package's root, parsed for the environment. */
  readonly infs: readonly DriverPackageInf[];
}

/** The INFs at the root of a package are read; any other file only digested. */
export function isRootInf(path: readonly string[]): boolean {
  return path.length === 1 && /\.inf$/i.test(path[0] ?? '');
}

export async function readPackageContents(
  source: CabinetSource,
  environment: string,
  limits: CabinetLimits = DEFAULT_CABINET_LIMITS,
): Promise<PackageContents> {
  const reader = await CabinetReader.open(source, limits);
  const sink = createDigestSink((e) => isRootInf(e.path), DEFAULT_INF_LIMITS.maxBytes * 4);
  const summary = await reader.extract(sink);
  const files = new Map<string, PackageFileInfo>();
  const infs: DriverPackageInf[] = [];
  for (const f of sink.files) {
    const path = f.entry.path.join('\\');
    files.set(path.toUpperCase(), { path, size: f.entry.size, sha256: f.sha256 });
    if (f.content) {
      const name = f.entry.path[0] ?? '';
      infs.push(readDriverPackageInf(parseInf(f.content, name), name, environment));
    }
  }
  return {
    folders: reader.folders,
    blocks: summary.blocks,
    checksummedBlocks: summary.checksummedBlocks,
    files,
    infs,
  };
}
