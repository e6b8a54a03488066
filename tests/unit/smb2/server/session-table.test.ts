import { SessionTable } from '../../../../lib/smb2/server/session-table';
import { IpcShare } from '../../../../lib/smb2/server/shares/ipc-share';
import { TreeConnect } from '../../../../lib/smb2/server/tree';
import { newSession } from './server-fixtures';

describe('SessionTable ([MS-SMB2] 3.3.1.7 Connection.SessionTable)', () => {
  it('finds sessions by SessionId and knows when it is full', () => {
    const table = new SessionTable(2);
    const a = newSession(0x11n);
    const b = newSession(0x22n);
    table.add(a);
    expect(table.isFull).toBe(false);
    table.add(b);
    expect(table.isFull).toBe(true);
    expect(table.find(0x22n)).toBe(b);
    expect(table.find(0x33n)).toBeUndefined();
    table.remove(a);
    expect(table.size).toBe(1);
    expect(table.find(0x11n)).toBeUndefined();
  });

  it('LOGOFF expires the session and forgets it and its trees', () => {
    const table = new SessionTable(2);
    const a = newSession(0x11n);
    a.state = 'valid';
    a.trees.set(1, new TreeConnect(1, new IpcShare(undefined, 'Remote IPC')));
    table.add(a);
    table.logoff(a);
    expect(a.state).toBe('expired');
    expect(a.trees.size).toBe(0);
    expect(table.find(0x11n)).toBeUndefined();
  });

  it('expires every session when the connection closes', () => {
    const table = new SessionTable(2);
    const a = newSession(0x11n);
    const b = newSession(0x22n);
    a.state = 'valid';
    table.add(a);
    table.add(b);
    table.expireAll();
    expect([a.state, b.state]).toEqual(['expired', 'expired']);
    expect(table.size).toBe(0);
  });
});
