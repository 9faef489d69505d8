import type { Logger } from '../../src-main/platform/logger';

export const silentLogger: Logger = { log() {}, info() {}, warn() {}, error() {} };
