/** Where a CLI command writes: the process's streams, or PassThrough streams in tests. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}
