import { formatFlowEvent } from '../../../lib/cli/format-flow';

describe('the demo formatter shows the package sequence', () => {
  it('names each package stage and marks a package download', () => {
    expect(formatFlowEvent({ kind: 'package', stage: 'fallback', detail: 'copying the driver file by file' })).toBe(
      'package fallback: copying the driver file by file',
    );
    expect(
      formatFlowEvent({
        kind: 'download',
        what: 'package',
        source: '\\\\NTPRINT\\print$\\x64\\PCC\\a.cab',
        target: 'C:\\Windows\\System32\\DriverStore\\Temp\\1.cab',
        path: '/tmp/1.cab',
        size: 1162,
      }),
    ).toBe(
      'download \\\\NTPRINT\\print$\\x64\\PCC\\a.cab -> C:\\Windows\\System32\\DriverStore\\Temp\\1.cab (1162 bytes, driver package)',
    );
  });
});
