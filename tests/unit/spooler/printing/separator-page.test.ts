import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PathEscapeError } from '../../../../lib/common/errors';
import { readSeparatorFile, separatorFilePath } from '../../../../lib/spooler/printing/separator-file';
import { renderSeparator, type SeparatorContext } from '../../../../lib/spooler/printing/separator-page';

// 2026-03-05 14:07:09 UTC
const PRINTED_AT = new Date(Date.UTC(2026, 2, 5, 14, 7, 9));

function ctx(files: Record<string, string> = {}): SeparatorContext {
  return {
    job: { jobId: 42, userName: 'alice' },
    printedAt: PRINTED_AT,
    insertFile: (name) => Promise.resolve(name in files ? Buffer.from(files[name] ?? '', 'latin1') : undefined),
  };
}

async function render(
  sep: string,
  files?: Record<string, string>,
): Promise<{ text: string; pages: number; warnings: readonly string[] }> {
  const r = await renderSeparator(Buffer.from(sep, 'latin1'), ctx(files));
  return { text: r.data.toString('latin1'), pages: r.pages, warnings: r.warnings };
}

describe('separator page interpreter', () => {
  it('takes the first character as the escape character and skips the first line', async () => {
    expect((await render('@\r\n@LHello@0')).text).toBe('Hello\r\n');
    expect((await render('\\\r\n\\LHello\\0')).text).toBe('Hello\r\n');
  });

  it("prints nothing outside escape codes (the file's own text and line ends)", async () => {
    expect((await render('\\\r\nstray text\r\n\\LA\r\n\\Ino text\r\n\\LB')).text).toBe('A42B');
  });

  it('\\N user name, \\I job number, \\D date, \\T time (UTC, en-US)', async () => {
    expect((await render('\\\n\\N\\L \\I\\L \\D\\L \\T')).text).toBe('alice 42 3/5/2026 2:07:09 PM');
    const midnight = await renderSeparator(Buffer.from('\\\n\\T'), {
      ...ctx(),
      printedAt: new Date(Date.UTC(2026, 0, 1, 0, 5, 0)),
    });
    expect(midnight.data.toString('latin1')).toBe('12:05:00 AM');
  });

  it("\\L prints the text up to the next escape character, without the file's line ends", async () => {
    expect((await render('\\\n\\LFirst part\r\n\\L second')).text).toBe('First part second');
  });

  it('\\0-\\9 skip lines: \\0 goes to the next line, \\n adds n blank lines', async () => {
    expect((await render('\\\n\\LA\\0\\LB\\2\\LC')).text).toBe('A\r\nB\r\n\r\n\r\nC');
  });

  it('\\Hnn sends the byte; a bad one is skipped and reported', async () => {
    const r = await render('\\\n\\H1B\\LE\\H0c\\HZZ');
    expect(Buffer.from(r.text, 'latin1')).toEqual(Buffer.from([0x1b, 0x45, 0x0c]));
    expect(r.warnings).toEqual(['\\HZZ: not a hexadecimal byte']);
  });

  it('\\Wnn sets the width (longer lines are cut, at most 256); a new line starts a new count', async () => {
    expect((await render('\\\n\\W05\\L1234567\\0\\LABCDEFG')).text).toBe('12345\r\nABCDE');
    expect((await render(`\\\n\\W999\\L${'x'.repeat(300)}`)).text).toBe('x'.repeat(256));
    expect((await render(`\\\n\\L${'y'.repeat(90)}`)).text).toBe('y'.repeat(80));
  });

  it('\\B\\S and \\B\\M print block text (plain, double width spaced) until \\U', async () => {
    expect((await render('\\\n\\B\\S\\N\\U\\LX')).text).toBe('aliceX');
    expect((await render('\\\n\\B\\M\\N\\U\\LX')).text).toBe('a l i c e X');
    expect((await render('\\\n\\B\\N')).warnings).toEqual(['\\B not followed by \\S or \\M']);
  });

  it('\\E ejects the page (form feed); pages = ejects plus trailing content', async () => {
    const one = await render('\\\n\\LBanner\\E');
    expect(one.text).toBe('Banner\f');
    expect(one.pages).toBe(1);
    const two = await render('\\\n\\LA\\E\\LB\\E\\LC');
    expect(two.text).toBe('A\fB\fC');
    expect(two.pages).toBe(3);
    expect((await render('\\\n')).pages).toBe(0);
    expect((await render('')).pages).toBe(0);
  });

  it('\\F inserts a file unprocessed on a blank line; a missing one is reported', async () => {
    const r = await render('\\\n\\LTop\\Fbanner.pcl\r\n\\LEnd', { 'banner.pcl': '\\N raw\x1b' });
    expect(r.text).toBe('Top\r\n\r\n\\N raw\x1bEnd');
    const missing = await render('\\\n\\Fnone.txt\r\n\\LEnd');
    expect(missing.text).toBe('End');
    expect(missing.warnings).toEqual(['\\Fnone.txt: file not inserted']);
  });

  it('reports an unknown code', async () => {
    expect((await render('\\\n\\Q\\LA')).warnings).toEqual(['unknown escape code Q']);
  });
});

describe('separator file location (the System32 folder of the fixture)', () => {
  let root: string;
  beforeAll(async () => {
    const base = await fs.mkdtemp(path.join(os.tmpdir(), 'pp-sep-'));
    root = path.join(base, 'System32');
    await fs.mkdir(root);
    await fs.writeFile(path.join(root, 'pcl.sep'), '\\\n\\LPCL');
    await fs.writeFile(path.join(base, 'secret.txt'), 'outside');
    await fs.symlink(path.join(base, 'secret.txt'), path.join(root, 'link.sep'));
  });

  it('maps C:\\Windows\\System32\\x, %SystemRoot%\\System32\\x and a bare name into the root', async () => {
    for (const name of ['C:\\Windows\\System32\\pcl.sep', '%SystemRoot%\\system32\\PCL.SEP', 'pcl.sep']) {
      expect(separatorFilePath(root, name).toLowerCase()).toBe(path.join(root, 'pcl.sep').toLowerCase());
    }
    expect((await readSeparatorFile(root, 'C:\\Windows\\System32\\pcl.sep'))?.toString()).toBe('\\\n\\LPCL');
  });

  it('answers undefined for a missing file', async () => {
    expect(await readSeparatorFile(root, 'C:\\Windows\\System32\\none.sep')).toBeUndefined();
  });

  it.each([
    'C:\\Windows\\System32\\..\\secret.txt',
    '..\\secret.txt',
    'D:\\seps\\pcl.sep',
    'C:\\Windows\\pcl.sep',
    '\\\\server\\share\\pcl.sep',
    '/etc/passwd',
    'C:\\Windows\\System32\\',
  ])('refuses %s', (name) => {
    expect(() => separatorFilePath(root, name)).toThrow(PathEscapeError);
  });

  it('refuses a link that leads out of the root', async () => {
    await expect(readSeparatorFile(root, 'link.sep')).rejects.toThrow(PathEscapeError);
  });
});
