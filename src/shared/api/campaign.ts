import type { Transport } from '../contract';
import type { CampaignApi } from '../contract/campaign';

export const createCampaignApi = (t: Transport) =>
  ({
    getPacingDefaults: () => t.invoke('campaign:getPacingDefaults', undefined),
    checkTemplate: (template, attachmentFileId) =>
      t.invoke('campaign:checkTemplate', attachmentFileId === undefined ? { template } : { template, attachmentFileId }),
    previewTemplate: (template, index, draftId) =>
      t.invoke('campaign:preview', draftId === undefined ? { template, index } : { template, index, draftId }),
    checkAttachment: (fileId) => t.invoke('campaign:checkAttachment', { fileId }),
    listTemplates: () => t.invoke('campaign:listTemplates', undefined),
    saveTemplate: (name, text) => t.invoke('campaign:saveTemplate', { name, text }),
    deleteTemplate: (name) => t.invoke('campaign:deleteTemplate', { name }),
    startCampaign: (request) => t.invoke('campaign:start', request),
    pauseCampaign: (id) => t.invoke('campaign:pause', { id }),
    resumeCampaign: (id) => t.invoke('campaign:resume', { id }),
    stopCampaign: (id) => t.invoke('campaign:stop', { id }),
    editCampaignPacing: (id, pacing) => t.invoke('campaign:editPacing', { id, pacing }),
    sendTestMessage: (template, attachmentFileId, draftId) =>
      t.invoke('campaign:testSend', { template, ...(attachmentFileId ? { attachmentFileId } : {}), ...(draftId ? { draftId } : {}) }),
    resendFailed: (id) => t.invoke('campaign:resendFailed', { id }),
    findContacts: (query, offset, limit) => t.invoke('campaign:findContacts', { query, offset, limit }),
    matchContacts: (query) => t.invoke('campaign:matchContacts', { query }),
    startScheduledNow: (id) => t.invoke('campaign:startNow', { id }),
    cancelScheduledStart: (id) => t.invoke('campaign:cancelSchedule', { id }),
    listCampaigns: () => t.invoke('campaign:list', undefined),
    getCampaign: (id) => t.invoke('campaign:get', { id }),
    getCampaignRows: (id, offset, limit, status) =>
      t.invoke('campaign:getRows', status === undefined ? { id, offset, limit } : { id, offset, limit, status }),
    getCampaignLog: (id) => t.invoke('campaign:getLog', { id }),
    deleteCampaign: (id) => t.invoke('campaign:delete', { id }),
    exportCampaign: (id, format, target) => t.invoke('campaign:export', { id, format, target }),
    onCampaignProgress: (listener) => t.on('campaign:progress', listener),
    onContactUpdates: (listener) => t.on('campaign:contacts', listener),
    onCampaignLog: (listener) => t.on('campaign:log', listener),
  }) satisfies CampaignApi;
