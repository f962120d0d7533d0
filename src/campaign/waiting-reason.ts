/** Why a campaign waits for WhatsApp, in the operator's words. */
import type { WaStatus } from '../shared/status';

/** Why sending waits, in the operator's words; says that it goes on by itself, so nobody restarts the campaign. */
export const waitingReason = (status: WaStatus): string => {
  const then = 'Sending goes on by itself once WhatsApp is connected again; nothing is sent twice.';
  switch (status.kind) {
    case 'disconnected':
      // A socket drop the client recovers from by itself already says what happens next.
      if (status.reconnecting) return `${status.reason.replace(/\.$/, '')}. ${then}`;
      return `The connection to WhatsApp dropped: ${status.reason.replace(/\.$/, '')}. ${then}`;
    case 'error':
      return `WhatsApp stopped with an error: ${status.message.replace(/\.$/, '')}. ${then}`;
    case 'qr':
      return `WhatsApp is waiting for the QR code to be scanned. ${then}`;
    case 'idle':
      return `WhatsApp is not connected. ${then}`;
    case 'authenticated':
      return `WhatsApp is loading its chats. ${then}`;
    default:
      return `WhatsApp is ${status.kind.replace('_', ' ')}. ${then}`;
  }
};
