/** A print job as the queue keeps it and its .SHD shadow file records it. */

export interface PrintJob {
  readonly jobId: number;
  readonly printerName: string;
  readonly userName: string;
  readonly machineName: string;
  documentName: string;
  readonly datatype: string;
  readonly printProcessor: string;
  readonly driverName: string;
  readonly outputFile?: string;
  status: number;
  priority: number;
  totalPages: number;
  pagesPrinted: number;
  size: number;
  readonly submitted: Date;
  /** The port the job was last sent to (printing, or printed through). */
  portName?: string;
  /** Ports a pool redirected this job away from (RestartJobOnPoolError). */
  excludedPorts?: string[];
  /** When the device finished it (ISO 8601). */
  printedAt?: string;
  /** Job Named Properties ([MS-RPRN] 3.1.4.12), kept in the shadow file with the job. */
  namedProperties?: Record<string, StoredJobProperty>;
}

/** A Job Named Property as JSON keeps it: a LONGLONG as decimal text, a buffer in base64. */
export interface StoredJobProperty {
  readonly type: 'string' | 'int32' | 'int64' | 'byte' | 'buffer';
  readonly value: string | number;
}

/** What StartDocPrinter knows of a new job. */
export interface NewJob {
  readonly printerName: string;
  readonly userName: string;
  readonly machineName: string;
  readonly documentName: string;
  readonly datatype: string;
  readonly printProcessor: string;
  readonly driverName: string;
  readonly outputFile?: string;
  readonly priority?: number;
}
