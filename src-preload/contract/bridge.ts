/** The global the preload (and the browser test bridge) puts the ConsoleBridge on. Alone here so the renderer's
 * first chunk can name it without loading every call's schema. */
export const BRIDGE_GLOBAL = 'stripeConsole';
