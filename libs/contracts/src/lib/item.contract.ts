import { z } from 'zod';
import { errorResponseSchema, itemIdSchema } from './common.contract';

export const INGEST_FORMATS = ['csv', 'jsonl', 'json'] as const;

/**
 * Query string of `POST /api/projects/:projectId/imports`; the body is the file itself, streamed.
 * Each `*Field` names the source column/key; metadata defaults to every unmapped field.
 */
export const importQuerySchema = z.strictObject({
  format: z.enum(INGEST_FORMATS),
  onError: z.enum(['reject', 'skip']).default('reject'),
  textField: z.string().min(1).max(200).default('text'),
  externalIdField: z.string().min(1).max(200).optional(),
  imageUrlField: z.string().min(1).max(200).optional(),
  goldField: z.string().min(1).max(200).optional(),
  predictionField: z.string().min(1).max(200).optional(),
  /**
   * A client-supplied vector per item (JSON: an array of numbers; CSV: a JSON array or numbers separated by commas
   * or whitespace). Every vector of a project has the same length, 1..4096, fixed by the first import carrying one.
   */
  embeddingField: z.string().min(1).max(200).optional(),
  metadataFields: z
    .string()
    .max(5000)
    .optional()
    .transform((s) => (s === undefined ? undefined : s.split(',').map((f) => f.trim()).filter(Boolean))),
  importId: z.uuid().optional(),
});
export type ImportQuery = z.infer<typeof importQuerySchema>;

export const rowErrorSchema = z.object({ line: z.number(), field: z.string().optional(), message: z.string() });
export type RowError = z.infer<typeof rowErrorSchema>;

export const importReportSchema = z.object({
  importId: z.string(),
  committed: z.boolean(),
  rowsRead: z.number(),
  inserted: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  errors: z.array(rowErrorSchema),
  errorsTruncated: z.boolean(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** The 422 of a rejected import: the usual error body plus the report of what was read. */
export const importRejectedResponseSchema = errorResponseSchema.extend({ report: importReportSchema });
export type ImportRejectedResponse = z.infer<typeof importRejectedResponseSchema>;

export const ITEM_STATUSES = ['new', 'in_progress', 'completed'] as const;
export const itemStatusSchema = z.enum(ITEM_STATUSES);

export const itemSchema = z.object({
  id: itemIdSchema,
  externalId: z.string().nullable(),
  text: z.string(),
  imageUrl: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  gold: z.array(z.number()).nullable(),
  prediction: z.array(z.number()).nullable(),
  /** The client's vector from the import's `embeddingField`, as stored (float4). */
  embedding: z.array(z.number()).nullable(),
  status: itemStatusSchema,
  annotationCount: z.number(),
});
export type Item = z.infer<typeof itemSchema>;

export const listItemsQuerySchema = z.strictObject({
  after: itemIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  status: itemStatusSchema.optional(),
});
export type ListItemsQuery = z.infer<typeof listItemsQuerySchema>;

/**
 * A keyset page. `nextAfter` is null at the end; a page may hold fewer than `limit` items when their size reached
 * the server's byte budget (PAGE_MAX_BYTES), and then `nextAfter` continues it. A page is never empty but at the end.
 */
export const itemPageSchema = z.object({ items: z.array(itemSchema), nextAfter: itemIdSchema.nullable() });
export type ItemPage = z.infer<typeof itemPageSchema>;

export const exportQuerySchema = z.strictObject({ format: z.enum(['jsonl', 'csv']).default('jsonl') });
export type ExportQuery = z.infer<typeof exportQuerySchema>;
