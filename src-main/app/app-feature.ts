import { ConsoleError, type Connectivity, type Scope, type Session } from '../../src-preload/contract';
import type { CoreServices, Feature } from './feature';
import { ConnectivityMonitor } from '../stripe/connectivity';
import { isAllowedExternalUrl } from '../window/external-links';

export interface AppFeatureDeps {
  version: string;
  session: () => Session;
  /** Newest successful sync for a scope (unix seconds), from the cache. */
  dataAsOf: (scope: Scope) => number | null;
  webhookSecret: { set(scope: Scope, secret: string): Promise<void> };
  /** Electron's shell.openExternal in the app; a recorder in the test host. */
  openExternal: (url: string) => Promise<void>;
}

type AppCalls = 'app.info' | 'connectivity.get' | 'settings.get' | 'settings.update' | 'shell.openExternal';

/** App-wide calls: who is acting, connectivity of the shown scope, preferences, external links. */
export function createAppFeature(core: CoreServices, deps: AppFeatureDeps): Feature<AppCalls> {
  const connectivityOf = (session: Session): Connectivity => {
    if (!session.accountId) return { online: true, dataAsOf: null, reason: null };
    const scope = { accountId: session.accountId, mode: session.mode };
    const state = core.connectivity.get(ConnectivityMonitor.key(scope.accountId, scope.mode));
    return { online: state.online, dataAsOf: deps.dataAsOf(scope) ?? state.lastContactAt, reason: state.reason };
  };

  core.connectivity.onChange((scopeKey) => {
    const session = deps.session();
    if (session.accountId && scopeKey === ConnectivityMonitor.key(session.accountId, session.mode)) {
      core.events.emit('connectivity.changed', connectivityOf(session));
    }
  });

  return {
    handlers: {
      'app.info': () => ({ version: deps.version, platform: process.platform, agentName: core.agent() }),
      'connectivity.get': () => connectivityOf(deps.session()),
      'settings.get': () => core.settings.get(),
      'settings.update': async ({ agentName, webhookReceiver, rateBudget }) => {
        if (webhookReceiver?.secret)
          await deps.webhookSecret.set(webhookReceiver.secret.scope, webhookReceiver.secret.value);
        const settings = core.settings.update({
          ...(agentName ? { agentName } : {}),
          ...(webhookReceiver
            ? { webhookReceiver: { enabled: webhookReceiver.enabled, port: webhookReceiver.port } }
            : {}),
          ...(rateBudget ? { rateBudget } : {}),
        });
        if (rateBudget) core.gateway.updateRates();
        core.events.emit('settings.changed', settings);
        return settings;
      },
      'shell.openExternal': async ({ url }) => {
        if (!isAllowedExternalUrl(url))
          throw new ConsoleError('invalid_input', 'Only Stripe Dashboard and documentation links can be opened.');
        await deps.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — URL checked against the allow-list above
      },
    },
  };
}
