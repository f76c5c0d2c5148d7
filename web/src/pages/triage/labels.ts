import type { MessageKey } from '../../i18n/i18n.tsx';

export const STATUSES = ['received', 'triaged', 'forwarded', 'in_action', 'closed'] as const;
export const CLOSURE_REASONS = ['actioned', 'insufficient_information', 'duplicate', 'unfounded'] as const;
export const CHANNELS = ['tip', 'unsafe_place', 'conduct'] as const;

export const statusLabel = (status: string) => `report.status.${status}` as MessageKey;
export const closureLabel = (reason: string) => `report.closure.${reason}` as MessageKey;
export const channelLabel = (channel: string) => `report.channel.${channel}` as MessageKey;
