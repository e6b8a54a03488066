import { NtStatusError } from '../../../../lib/common/errors';
import { createSilentLogger } from '../../../../lib/common/logger';
import { NtStatus } from '../../../../lib/common/status/ntstatus';
import { OpenTable } from '../../../../lib/smb2/server/open-table';
import { IpcShare } from '../../../../lib/smb2/server/shares/ipc-share';
import { TreeConnect } from '../../../../lib/smb2/server/tree';
import { RecordingOpen, newSession } from './server-fixtures';

const share = new IpcShare(undefined, 'Remote IPC');

function statusOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof NtStatusError ? err.status : undefined;
  }
  return undefined;
}

describe('OpenTable ([MS-SMB2] 3.3.1.10: opens by FileId, per session and tree)', () => {
  const alice = newSession(0x11n);
  const bob = newSession(0x22n);
  const tree = new TreeConnect(1, share);
  const other = new TreeConnect(2, share);

  it('numbers FileIds from 1 and finds an open only through its session and tree', async () => {
    const table = new OpenTable(4, createSilentLogger());
    const a = new RecordingOpen('a');
    const b = new RecordingOpen('b');
    expect(await table.register(a, alice, tree)).toEqual({ persistent: 1n, volatile: 1n });
    expect(await table.register(b, alice, tree)).toEqual({ persistent: 2n, volatile: 2n });
    expect(table.find({ persistent: 2n, volatile: 2n }, alice, tree)).toBe(b);
    const closed = NtStatus.STATUS_FILE_CLOSED;
    expect(statusOf(() => table.find({ persistent: 2n, volatile: 2n }, bob, tree))).toBe(closed);
    expect(statusOf(() => table.find({ persistent: 2n, volatile: 2n }, alice, other))).toBe(closed);
    expect(statusOf(() => table.find({ persistent: 9n, volatile: 2n }, alice, tree))).toBe(closed);
    expect(statusOf(() => table.find({ persistent: 3n, volatile: 3n }, alice, tree))).toBe(closed);
  });

  it('closes on CLOSE, and a closed FileId is gone', async () => {
    const table = new OpenTable(4, createSilentLogger());
    const a = new RecordingOpen('a');
    const id = await table.register(a, alice, tree);
    await table.close(a);
    expect(a.closes).toBe(1);
    expect(a.abandons).toBe(0);
    expect(table.size).toBe(0);
    expect(statusOf(() => table.find(id, alice, tree))).toBe(NtStatus.STATUS_FILE_CLOSED);
  });

  it('refuses an open beyond its limit with STATUS_TOO_MANY_OPENED_FILES and releases it', async () => {
    const table = new OpenTable(1, createSilentLogger());
    await table.register(new RecordingOpen('a'), alice, tree);
    const extra = new RecordingOpen('b');
    await expect(table.register(extra, alice, tree)).rejects.toMatchObject({
      status: NtStatus.STATUS_TOO_MANY_OPENED_FILES,
    });
    expect(extra.abandons).toBe(1);
    expect(table.size).toBe(1);
  });

  it('releases the opens of a tree, of a session, then all, even when one fails to release', async () => {
    const table = new OpenTable(8, createSilentLogger());
    const onTree = new RecordingOpen('on-tree', true);
    const onOther = new RecordingOpen('on-other');
    const bobs = new RecordingOpen('bobs');
    await table.register(onTree, alice, tree);
    await table.register(onOther, alice, other);
    await table.register(bobs, bob, tree);
    await table.releaseTree(tree);
    expect([onTree.abandons, onOther.abandons, bobs.abandons]).toEqual([1, 0, 1]);
    await table.register(new RecordingOpen('again'), alice, tree);
    await table.releaseSession(alice);
    expect(onOther.abandons).toBe(1);
    expect(table.size).toBe(0);
    const last = new RecordingOpen('last');
    await table.register(last, bob, other);
    await table.releaseAll();
    expect(last.abandons).toBe(1);
    expect(last.closes).toBe(0);
    expect(table.size).toBe(0);
  });
});
