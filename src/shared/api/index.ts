import type { AppApi, Transport } from '../contract';
import type { FilesApi } from '../contract/files';
import { createCampaignApi } from './campaign';
import { createConnectionApi } from './connection';
import { createContactsApi } from './contacts';
import { createDiagnosticsApi } from './diagnostics';
import { createDraftApi } from './draft';
import { createLimitsApi } from './limits';
import { createRepliesApi } from './replies';
import { createUpdatesApi } from './updates';

/**
 * Builds the renderer-facing api over a transport. The preload and the browser host both call this, so the
 * renderer sees one `AppApi` whichever carries it; only file picking differs per host, so it is passed in.
 */
export const createAppApi = (t: Transport, files: FilesApi): AppApi =>
  ({
    ...createConnectionApi(t),
    ...files,
    ...createContactsApi(t),
    ...createCampaignApi(t),
    ...createLimitsApi(t),
    ...createDiagnosticsApi(t),
    ...createUpdatesApi(t),
    ...createDraftApi(t),
    ...createRepliesApi(t),
  }) satisfies AppApi;
