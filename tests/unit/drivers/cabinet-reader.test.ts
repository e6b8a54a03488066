import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { CabinetError } from '../../../lib/drivers/cabinet-format';
import { CabinetReader, DEFAULT_CABINET_LIMITS } from '../../../lib/drivers/cabinet-reader';
import { createDigestSink, createDirectorySink } from '../../../lib/drivers/cabinet-sinks';
import { bufferCabinetSource, openFileCabinetSource } from '../../../lib/drivers/cabinet-source';
import { findPackageRoot } from '../../../lib/spooler/fixture';
import { buildCab } from '../../helpers/cab-builder';

const STORE = path.join(findPackageRoot(), 'drivers-store');

async function pccCab(dir: string, prefix: string): Promise<string> {
  const names = await fs.readdir(path.join(STORE, dir, 'PCC'));
  const name = names.find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no ${prefix} CAB in ${dir}\\PCC`);
  return path.join(STORE, dir, 'PCC', name);
}

async function extractAll(cab: Buffer, limits = DEFAULT_CABINET_LIMITS) {
  const reader = await CabinetReader.open(bufferCabinetSource(cab), limits);
  const sink = createDigestSink(() => true, 64 * 1024 * 1024);
  const summary = await reader.extract(sink);
  return { reader, summary, files: new Map(sink.files.map((f) => [f.entry.name, f.content!])) };
}

async function refusal(promise: Promise<unknown>): Promise<CabinetError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CabinetError);
  return err as CabinetError;
}

describe('the gcab-made driver packages of the sample store', () => {
  it('reads the x64 package: its INF, data file and colour profile, checksums verified', async () => {
    const source = await openFileCabinetSource(await pccCab('x64', 'hpcpkg.inf_amd64_'));
    try {
      const reader = await CabinetReader.open(source);
      expect(reader.entries.map((e) => e.name)).toEqual(['hpcpkg.inf', 'HPCPKG.GPD', 'Hpclrlsr.icm']);
      expect(reader.folders).toEqual([expect.objectContaining({ compression: 'tcompTYPE_MSZIP' })]);
      expect(reader.entries[0]!.date).toEqual(new Date(Date.UTC(2025, 10, 1, 12, 0, 0)));
      const sink = createDigestSink(() => true, 1 << 20);
      const summary = await reader.extract(sink);
      expect(summary.checksummedBlocks).toBe(summary.blocks);
      const byName = new Map(sink.files.map((f) => [f.entry.name, f.content!]));
      expect(byName.get('HPCPKG.GPD')).toEqual(await fs.readFile(path.join(STORE, 'x64', '3', 'HPCPKG.GPD')));
      expect(byName.get('Hpclrlsr.icm')).toEqual(await fs.readFile(path.join(STORE, 'color', 'Hpclrlsr.icm')));
      expect(byName.get('hpcpkg.inf')!.toString('latin1')).toMatch(/PackageAware=TRUE/);
    } finally {
      await source.close();
    }
  });

  it('reads the core drivers package with the same Unidrv bytes as PRINT$\\x64\\3', async () => {
    const cab = await fs.readFile(await pccCab('x64', 'ntprint.inf_amd64_'));
    const { files } = await extractAll(cab);
    for (const name of ['UNIDRV.DLL', 'UNIDRVUI.DLL', 'UNIRES.DLL', 'UNIDRV.HLP', 'STDNAMES.GPD', 'STDDTYPE.GDL'])
      expect(files.get(name)).toEqual(await fs.readFile(path.join(STORE, 'x64', '3', name)));
  });
});

describe('cabinets built byte by byte', () => {
  const big = Buffer.from('*Feature: ColorMode { *Option: Color }\r\n'.repeat(4000), 'latin1');

  it('inflates MSZIP blocks that refer into the previous block (the history window)', async () => {
    const cab = buildCab(
      [
        { name: 'big.gpd', data: big },
        { name: 'sub\\small.txt', data: Buffer.from('x') },
      ],
      {
        history: true,
      },
    );
    const { files, reader } = await extractAll(cab);
    expect(reader.folders[0]!.dataBlocks).toBe(Math.ceil((big.length + 1) / 0x8000));
    expect(files.get('big.gpd')).toEqual(big);
    expect(files.get('sub\\small.txt')).toEqual(Buffer.from('x'));
    expect(reader.entries[1]!.path).toEqual(['sub', 'small.txt']);
  });

  it('reads stored (uncompressed) folders, without checksums', async () => {
    const cab = buildCab([{ name: 'a.txt', data: Buffer.from('hello') }], { compression: 'none', checksums: false });
    const { files, summary } = await extractAll(cab);
    expect(files.get('a.txt')!.toString()).toBe('hello');
    expect(summary.checksummedBlocks).toBe(0);
  });

  it('decodes names flagged _A_NAME_IS_UTF as UTF-8', async () => {
    const cab = buildCab([{ name: Buffer.from('Café.icm', 'utf8'), data: Buffer.from('p'), attribs: 0xa0 }]);
    const { reader } = await extractAll(cab);
    expect(reader.entries[0]!.name).toBe('Café.icm');
  });

  it.each([
    ['..\\evil.dll', /parent directory/],
    ['sub\\..\\..\\evil.dll', /parent directory/],
    ['\\Windows\\System32\\evil.dll', /absolute path/],
    ['C:\\evil.dll', /drive letter/],
    ['\\\\server\\share\\evil.dll', /UNC/],
    ['CON', /DOS device/],
    ['evil.dll:stream', /alternate data stream/],
    ['/etc/passwd', /absolute path/],
  ])('refuses the name %j before writing anything', async (name, reason) => {
    const sandbox = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-cab-'));
    const staging = path.join(sandbox, 'staging');
    await fs.mkdir(staging);
    const cab = buildCab([
      { name: 'good.inf', data: Buffer.from('[Version]') },
      { name, data: Buffer.from('MZ') },
    ]);
    const err = await refusal(
      (async () => (await CabinetReader.open(bufferCabinetSource(cab))).extract(await createDirectorySink(staging)))(),
    );
    expect(err.problem).toBe('unsafe-name');
    expect(err.message).toMatch(reason);
    expect(await fs.readdir(staging)).toEqual([]);
    expect(await fs.readdir(sandbox)).toEqual(['staging']);
    await fs.rm(sandbox, { recursive: true });
  });

  it('refuses two entries naming the same file in different case', async () => {
    const cab = buildCab([
      { name: 'UNIDRV.DLL', data: Buffer.from('a') },
      { name: 'unidrv.dll', data: Buffer.from('b') },
    ]);
    expect((await refusal(CabinetReader.open(bufferCabinetSource(cab)))).problem).toBe('unsafe-name');
  });

  it('refuses a file that claims more bytes than its folder holds (a size lie)', async () => {
    const cab = buildCab([{ name: 'a.gpd', data: Buffer.from('12345'), cbFile: 0x7fffffff }]);
    const err = await refusal(CabinetReader.open(bufferCabinetSource(cab)));
    expect(err.problem).toBe('limit');
    const lie = buildCab([{ name: 'a.gpd', data: Buffer.from('12345'), cbFile: 6 }]);
    expect((await refusal(CabinetReader.open(bufferCabinetSource(lie)))).problem).toBe('size-mismatch');
  });

  it('refuses a block whose cbUncomp lies, during extraction, leaving only the staging folder touched', async () => {
    const cab = buildCab([{ name: 'a.gpd', data: big.subarray(0, 1000) }], {
      mangleBlock: (_i, b) => {
        b.cbUncomp = 1500;
      },
    });
    const staging = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-cab-'));
    const reader = await CabinetReader.open(bufferCabinetSource(cab));
    const err = await refusal(reader.extract(await createDirectorySink(staging)));
    expect(err.problem).toBe('size-mismatch');
    expect(await fs.readdir(staging)).toEqual([]);
    await fs.rm(staging, { recursive: true });
  });

  it('refuses a cbCabinet that does not match the file', async () => {
    const cab = buildCab([{ name: 'a', data: Buffer.from('a') }], { cbCabinet: 10_000 });
    expect((await refusal(CabinetReader.open(bufferCabinetSource(cab)))).problem).toBe('size-mismatch');
  });

  it('refuses a truncated block', async () => {
    const whole = buildCab([{ name: 'a.gpd', data: big }]);
    const cut = Buffer.from(whole.subarray(0, whole.length - 100));
    cut.writeUInt32LE(cut.length, 8); // a consistent cbCabinet: the block itself is short
    const err = await refusal(CabinetReader.open(bufferCabinetSource(cut)));
    expect(err.problem).toBe('truncated');
  });

  it('refuses a block whose checksum does not match', async () => {
    const cab = buildCab([{ name: 'a', data: Buffer.from('abc') }], {
      mangleBlock: (_i, b) => {
        b.csum ^= 1;
      },
    });
    const reader = await CabinetReader.open(bufferCabinetSource(cab));
    expect((await refusal(reader.extract(createDigestSink(() => false, 0)))).problem).toBe('checksum');
  });

  it('refuses LZX and cabinet sets with a clear reason', async () => {
    const lzx = buildCab([{ name: 'a', data: Buffer.from('a') }], { compression: 'lzx' });
    const e1 = await refusal(CabinetReader.open(bufferCabinetSource(lzx)));
    expect([e1.problem, e1.message]).toEqual(['unsupported', expect.stringMatching(/LZX/)]);
    const set = buildCab([{ name: 'a', data: Buffer.from('a') }], { flags: 0x0002 });
    expect((await refusal(CabinetReader.open(bufferCabinetSource(set)))).problem).toBe('unsupported');
  });

  it('refuses a cabinet bomb before inflating anything: bounded ratio and total', async () => {
    // 4000 blocks of 32 KiB of zeros, ~40 bytes each: 125 MiB from 200 KiB.
    const zeros = Buffer.concat([Buffer.from('CK', 'latin1'), deflateRawSync(Buffer.alloc(0x8000))]);
    const rawBlocks = Array.from({ length: 4000 }, () => [0x8000, zeros] as const);
    const cab = buildCab([{ name: 'bomb.dll', data: Buffer.alloc(0), cbFile: 4000 * 0x8000 }], { rawBlocks });
    const before = process.memoryUsage().arrayBuffers;
    const err = await refusal(CabinetReader.open(bufferCabinetSource(cab)));
    expect(err.problem).toBe('limit');
    expect(err.message).toMatch(/ratio/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    // Under a generous ratio, the total limit still stops it.
    const tight = { ...DEFAULT_CABINET_LIMITS, maxRatio: 10_000, maxTotalUncompressed: 64 * 1024 * 1024 };
    expect((await refusal(CabinetReader.open(bufferCabinetSource(cab), tight))).message).toMatch(/uncompressed bytes/);
  });

  it('refuses more files than allowed', async () => {
    const cab = buildCab(
      Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })),
      {},
    );
    const err = await refusal(CabinetReader.open(bufferCabinetSource(cab), { ...DEFAULT_CABINET_LIMITS, maxFiles: 4 }));
    expect(err.problem).toBe('limit');
  });

  it('answers every prefix of a cabinet with a CabinetError, never another failure', async () => {
    const cab = buildCab([
      { name: 'a.inf', data: Buffer.from('[Version]\r\n') },
      { name: 'b.gpd', data: big.subarray(0, 3000) },
    ]);
    for (let n = 0; n < cab.length; n++) {
      const cut = Buffer.from(cab.subarray(0, n));
      if (n >= 12) cut.writeUInt32LE(n, 8);
      await refusal(
        (async () => (await CabinetReader.open(bufferCabinetSource(cut))).extract(createDigestSink(() => false, 0)))(),
      );
    }
  });
});

describe('createDirectorySink', () => {
  it('creates subfolders inside the staging folder and refuses a link planted there', async () => {
    const staging = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-cab-'));
    const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-else-'));
    const cab = buildCab([{ name: 'amd64\\unidrv.dll', data: Buffer.from('placeholder') }]);
    await (await CabinetReader.open(bufferCabinetSource(cab))).extract(await createDirectorySink(staging));
    expect(await fs.readFile(path.join(staging, 'amd64', 'unidrv.dll'), 'utf8')).toBe('placeholder');

    const second = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-cab-'));
    await fs.symlink(elsewhere, path.join(second, 'amd64'));
    const err: unknown = await (
      await CabinetReader.open(bufferCabinetSource(cab))
    )
      .extract(await createDirectorySink(second))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CabinetError);
    expect(await fs.readdir(elsewhere)).toEqual([]);
    for (const d of [staging, elsewhere, second]) await fs.rm(d, { recursive: true });
  });
});
