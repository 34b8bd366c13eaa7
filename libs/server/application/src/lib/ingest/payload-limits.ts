// How much one request may carry in or out: uploads (size, pauses, duration), per-item metadata, and the byte
// budget of a page of items or review items. Values come from the config (libs/server/config).
import { type AppConfig, parseConfig } from '@arbiter/server/config';

export const PAYLOAD_LIMITS = Symbol('PAYLOAD_LIMITS');

export interface PayloadLimits {
  /** Row errors listed in an import report (the rest are counted). */
  maxErrors: number;
  uploadMaxBytes: number;
  /** The longest wait for the next piece of an upload. */
  uploadIdleTimeoutMs: number;
  /** The longest an upload may take, from its first byte to its report. */
  uploadTimeoutMs: number;
  itemMetadataMaxBytes: number;
  pageMaxBytes: number;
}

export function payloadLimitsFrom(config: AppConfig): PayloadLimits {
  return {
    maxErrors: config.INGEST_MAX_ERRORS,
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
    uploadIdleTimeoutMs: config.UPLOAD_IDLE_TIMEOUT_MS,
    uploadTimeoutMs: config.UPLOAD_TIMEOUT_MS,
    itemMetadataMaxBytes: config.ITEM_METADATA_MAX_BYTES,
    pageMaxBytes: config.PAGE_MAX_BYTES,
  };
}

/** The config's defaults, for a module that does not provide PAYLOAD_LIMITS (the worker, tests). */
export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = payloadLimitsFrom(parseConfig({}));
