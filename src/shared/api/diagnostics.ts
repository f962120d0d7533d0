import type { Transport } from '../contract';
import type { DiagnosticsApi } from '../contract/diagnostics';

export const createDiagnosticsApi = (t: Transport) =>
  ({
    getLogsInfo: () => t.invoke('logs:getInfo', undefined),
    openLogsFolder: () => t.invoke('logs:openFolder', undefined),
    getDiagnostics: () => t.invoke('diagnostics:get', undefined),
  }) satisfies DiagnosticsApi;
