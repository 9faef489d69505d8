import { z } from 'zod';
import { call, event } from './define';
import { modeSchema, accountIdSchema, scopeSchema, type Mode, type Scope } from './common';

export interface AppInfo {
  version: string;
  platform: string;
  /** Who is recorded as the agent in the Activity log. */
  agentName: string;
}

export interface Session {
  accountId: string | null;
  mode: Mode;
}

export interface Connectivity {
  online: boolean;
  /** Unix seconds of the newest successful contact with Stripe for the session's account+mode. */
  dataAsOf: number | null;
  reason: string | null;
}

export interface Settings {
  agentName: string;
  /** `secretScopes`: the account+modes with a signing secret in the keychain (each verifies only its own events). */
  webhookReceiver: { enabled: boolean; port: number; hasSecret: boolean; secretScopes: Scope[] };
  rateBudget: { test: number; live: number };
}

export const appCalls = {
  'app.info': call<AppInfo>()(z.object({}).strict()),
  'session.get': call<Session>()(z.object({}).strict()),
  /** Selects the account and mode the window shows; the last mode is remembered per account. */
  'session.select': call<Session>()(z.object({ accountId: accountIdSchema, mode: modeSchema.optional() }).strict()),
  'connectivity.get': call<Connectivity>()(z.object({}).strict()),
  'settings.get': call<Settings>()(z.object({}).strict()),
  'settings.update': call<Settings>()(
    z
      .object({
        agentName: z.string().trim().min(1).max(80).optional(),
        webhookReceiver: z
          .object({
            enabled: z.boolean(),
            port: z.number().int().min(1024).max(65535),
            /** A new whsec_ secret for one account+mode's endpoint; omitted keeps the stored ones. */
            secret: z
              .object({
                scope: scopeSchema,
                value: z.string().regex(/^whsec_[A-Za-z0-9]{8,}$/, 'a whsec_ signing secret'),
              })
              .strict()
              .optional(),
          })
          .strict()
          .optional(),
        rateBudget: z
          .object({ test: z.number().min(1).max(25), live: z.number().min(1).max(100) })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  /** Opens an allow-listed external URL (Stripe Dashboard, docs) in the system browser. */
  'shell.openExternal': call<void>()(z.object({ url: z.string().url().max(2048) }).strict()),
};

export const appEvents = {
  'session.changed': event<Session>(),
  'connectivity.changed': event<Connectivity>(),
  'settings.changed': event<Settings>(),
};
