/**
 * The subset of Electron's WebPreferences the policy functions set. Declared here so the policies are plain,
 * testable code that doesn't load Electron (which, under Node, tries to download its binary).
 */
export interface WebPreferences {
  preload: string;
  contextIsolation: boolean;
  sandbox: boolean;
  nodeIntegration: boolean;
  nodeIntegrationInWorker: boolean;
  nodeIntegrationInSubFrames: boolean;
  webSecurity: boolean;
  allowRunningInsecureContent: boolean;
  webviewTag: boolean;
  navigateOnDragDrop: boolean;
  spellcheck: boolean;
  experimentalFeatures: boolean;
  disableBlinkFeatures: string;
}
