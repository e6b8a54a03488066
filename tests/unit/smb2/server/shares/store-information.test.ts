import * as path from 'node:path';
import { DriverStore } from '../../../../../lib/drivers/driver-store';
import { FileInformationClass, FsInformationClass } from '../../../../../lib/smb2/constants';
import {
  fileIndexNumber,
  fileInformation,
  fsInformation,
  securityDescriptor,
} from '../../../../../lib/smb2/server/shares/store-information';

const STORE = path.resolve(__dirname, '../../../../../drivers-store');

describe('what PRINT$ answers about a store entry ([MS-FSCC] 2.4, 2.5)', () => {
  it('gives a file a stable, case-blind 63-bit index number', () => {
    expect(fileIndexNumber('color\\Hpclrlsr.icm')).toBe(fileIndexNumber('COLOR\\HPCLRLSR.ICM'));
    expect(fileIndexNumber('color\\Hpclrlsr.icm')).not.toBe(fileIndexNumber('color'));
    expect(fileIndexNumber('x') < 2n ** 63n).toBe(true);
  });

  it('answers the classes clients ask for, and nothing for the others', async () => {
    const store = await DriverStore.open(STORE);
    const icm = (await store.resolve('color\\Hpclrlsr.icm'))!;
    const standard = fileInformation(icm, 0x120089, 7, FileInformationClass.FileStandardInformation)!;
    // [MS-FSCC] 2.4.41: AllocationSize 8 | EndOfFile 8 | NumberOfLinks 4 | DeletePending 1 | Directory 1 | Reserved 2
    expect(standard.data.readBigUInt64LE(8)).toBe(BigInt(icm.size));
    expect(standard.data[21]).toBe(0);
    const access = fileInformation(icm, 0x120089, 7, FileInformationClass.FileAccessInformation)!;
    expect(access.data.readUInt32LE(0)).toBe(0x120089);
    const id = fileInformation(icm, 0, 7, FileInformationClass.FileIdInformation)!;
    expect(id.data.readBigUInt64LE(0)).toBe(7n);
    expect(id.data.readBigUInt64LE(8)).toBe(fileIndexNumber(icm.path));
    expect(fileInformation(icm, 0, 7, 0x7f)).toBeUndefined();
    await expect(fsInformation(store, 7, 0x7f)).rejects.toMatchObject({ status: 0xc0000003 });
    const device = await fsInformation(store, 7, FsInformationClass.FileFsDeviceInformation);
    expect(device.data.length).toBe(8);
  });

  it('lets directories pass their ACEs on, and gives only the parts asked for', () => {
    const all = securityDescriptor(true, 0x7);
    const fileDacl = securityDescriptor(false, 0x4);
    expect(all.length).toBeGreaterThan(fileDacl.length);
    expect(securityDescriptor(false, 0).length).toBe(20);
    expect(securityDescriptor(true, 0x4)).not.toEqual(fileDacl);
  });
});
