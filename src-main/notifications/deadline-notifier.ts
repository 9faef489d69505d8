import type { DeadlineNotification, DeadlineThreshold, Mode, Scope } from '../../src-preload/contract';
import { formatMoney } from '../../src-preload/contract/money';
import type { NotificationStore } from './notification-store';

/** Where notifications go: the OS notification centre in Electron, the contract's event everywhere. */
export interface NotificationSink {
  show(notification: DeadlineNotification): void;
}

/** A dispute that still takes evidence, with its deadline (unix seconds). */
export interface DueDispute {
  id: string;
  dueBy: number;
  amount: number;
  currency: string;
}

export interface DeadlineNotifierDeps {
  /** Every connected account+mode, whichever is on screen. */
  scopes(): { scope: Scope; accountName: string }[];
  /** Disputes of a scope needing a response and due before `until` (overdue ones included). */
  dueBefore(scope: Scope, until: number): DueDispute[];
  store: NotificationStore;
  sinks: NotificationSink[];
  /** Unix ms; injected so tests move time instead of waiting. */
  now(): number;
}

const HOUR = 3600;
const key = (t: DeadlineThreshold) => (t.kind === 'overdue' ? 'overdue' : `${t.hours}h`);

/** The tightest threshold a deadline has crossed, and the wider ones it passed on the way. */
export function crossed(
  dueBy: number,
  nowSeconds: number,
  leadHours: number[],
): { hit: DeadlineThreshold; passed: DeadlineThreshold[] } | null {
  const leads = [...leadHours].sort((a, b) => b - a).map((hours) => ({ kind: 'lead', hours }) as DeadlineThreshold);
  if (dueBy <= nowSeconds) return { hit: { kind: 'overdue' }, passed: leads };
  const within = leads.filter((t) => t.kind === 'lead' && dueBy - nowSeconds <= t.hours * HOUR);
  const hit = within[within.length - 1];
  return hit ? { hit, passed: within.slice(0, -1) } : null;
}

function describe(d: DueDispute, t: DeadlineThreshold, mode: Mode, accountName: string, nowSeconds: number) {
  const money = formatMoney(d.amount, d.currency);
  const where = `${accountName}${mode === 'live' ? ' (live)' : ' (test)'}`;
  if (t.kind === 'overdue')
    return { title: `Dispute overdue — ${money}`, body: `${where}: the evidence deadline has passed.` };
  const hours = Math.max(1, Math.round((d.dueBy - nowSeconds) / HOUR));
  return { title: `Dispute due in ${hours} h — ${money}`, body: `${where}: submit evidence before the deadline.` };
}

/**
 * Evidence-deadline notifications for every connected account and mode, not only the one on screen: each
 * dispute notifies once per threshold (72 h, 24 h, 4 h by default, and overdue), remembered across restarts.
 */
export class DeadlineNotifier {
  constructor(private readonly deps: DeadlineNotifierDeps) {}

  /** Looks at every scope now; returns what fired. */
  check(): DeadlineNotification[] {
    const prefs = this.deps.store.prefs();
    if (!prefs.enabled) return [];
    const nowMs = this.deps.now();
    const nowSeconds = Math.floor(nowMs / 1000);
    const horizon = nowSeconds + Math.max(...prefs.leadHours) * HOUR;
    const fired: DeadlineNotification[] = [];
    for (const { scope, accountName } of this.deps.scopes()) {
      for (const dispute of this.deps.dueBefore(scope, horizon)) {
        const step = crossed(dispute.dueBy, nowSeconds, prefs.leadHours);
        if (!step) continue;
        const target = { accountId: scope.accountId, mode: scope.mode, disputeId: dispute.id };
        if (!this.deps.store.claim(target, key(step.hit), step.passed.map(key), nowMs)) continue;
        const notification: DeadlineNotification = {
          id: `${scope.accountId}:${scope.mode}:${dispute.id}:${key(step.hit)}`,
          ...describe(dispute, step.hit, scope.mode, accountName, nowSeconds),
          ...target,
          accountName,
          dueBy: dispute.dueBy,
          amount: dispute.amount,
          currency: dispute.currency,
          threshold: step.hit,
        };
        for (const sink of this.deps.sinks) sink.show(notification);
        fired.push(notification);
      }
    }
    return fired;
  }
}
