/** The hub's JSON shapes the dashboard reads (see the hub's /api/openapi.yaml). */
export interface CaseSummary {
  id: number;
  type: string;
  severity: string;
  stage: string;
  site: string | null;
  unit: string | null;
  area: string | null;
  gridNode: string | null;
  unplaced: boolean;
  ownerTier: string | null;
  escalationLevel?: number;
  assignee?: string | null;
  team?: string | null;
  version: number;
  confirmed: boolean;
  sources?: number;
  openedAt: string;
  updatedAt: string;
  deadlines?: { dispatch: string | null; accept: string | null; resolve: string | null };
  closedAt?: string | null;
  alarmCount?: number;
  allowedActions?: string[];
}

export interface TimelineEntry { at: string; actor: string; action: string; detail: string | null }

export interface Alarm {
  id: number;
  gateway: string;
  alarmId: string;
  device: string;
  rule: string;
  severity: string;
  raisedAt: { wall: number; mono: number; hub: string | null; corrected: boolean };
  clearedAt: string | null;
  message: string | null;
  readings: unknown;
}

export interface Resident {
  name: string;
  phone: string | null;
  contacts: { name: string; relation: string | null; phone: string | null }[];
  masked?: boolean;
  [k: string]: unknown;
}

export interface CaseDetail extends CaseSummary {
  alarms: Alarm[];
  timeline: TimelineEntry[];
  notifications: { id: number; responder: string; state: string; reason: string }[];
  resident?: Resident;
}

export interface GridNode { id: string; kind: string; name: string; parent: string | null; path: string; address: string | null }

export interface Device {
  gateway: string;
  id: string;
  profile: string | null;
  site: string | null;
  unit: string | null;
  area: string | null;
  online: boolean | null;
  communication: string;
  stateSince: string | null;
  lastValues: Record<string, unknown> | null;
  lastValuesAt: string | null;
  lastValuesAgeS: number | null;
  /** the gateway's own view from its heartbeat: ok, degraded, down or unknown */
  commState?: string | null;
  lastReadingAgeMs?: number | null;
  /** marked by the hub when a commissioning report found it tested in a walk test */
  commissioned?: boolean;
  commissionedAt?: string | null;
}

export interface Gateway {
  id: string;
  online: boolean;
  state: string;
  stateSince: string | null;
  lastSeen: string | null;
  clockSkewMs: number | null;
  clockOffsetMs?: number | null;
  clockSync?: string | null;
  outboxOldestAgeMs?: number | null;
  outboxQuarantined?: number | null;
  backlog: number | null;
  uptimeMs: number | null;
  devices: Device[];
  /** set while an installer's walk test runs: the gateway's alarms open no case until endsAt */
  walkTest?: { active: boolean; endsAt: string } | null;
  [k: string]: unknown;
}

export interface Me { username: string; role: string; scope: string; displayName?: string | null }

export interface Notification { id: number; caseId: number; caseSeverity: string; state: string; responder: string }
