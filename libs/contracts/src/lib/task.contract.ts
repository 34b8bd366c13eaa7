import { z } from 'zod';
import { selectionReasonSchema } from './active-learning.contract';
import { itemIdSchema } from './common.contract';

/** What an annotator sees of an item: never gold, never other annotators' labels. */
export const taskItemSchema = z.object({
  id: itemIdSchema,
  externalId: z.string().nullable(),
  text: z.string(),
  imageUrl: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  /** The model's probability per label id, shown as a suggestion. */
  suggestion: z.array(z.number()).nullable(),
  /** Which model version made the suggestion (null for one imported with the item). */
  suggestionModelVersion: z.number().int().nullable().optional(),
  /** Why active learning queued this item; null when it was served in import order. */
  chosenBy: selectionReasonSchema.nullable().optional(),
});
export type TaskItem = z.infer<typeof taskItemSchema>;

export const taskSchema = z.object({ item: taskItemSchema, leaseExpiresAt: z.string() });
export type Task = z.infer<typeof taskSchema>;

/**
 * `POST /api/projects/:projectId/tasks/next`: returns every lease the annotator holds (renewed, oldest first;
 * after an undo that can be more than `count`), then claims new ones until `count` are held. `count: 2` gives
 * the current item plus the prefetched next one. An item the client shows that is not in the answer has been
 * lost (its lease expired and was taken).
 */
export const nextTasksRequestSchema = z.strictObject({ count: z.number().int().min(1).max(5).default(1) });
export type NextTasksRequest = z.infer<typeof nextTasksRequestSchema>;

export const nextTasksResponseSchema = z.object({
  tasks: z.array(taskSchema),
  /** How many items this annotator has labeled in the project, and how many remain open to them. */
  progress: z.object({ done: z.number(), remaining: z.number() }),
});
export type NextTasksResponse = z.infer<typeof nextTasksResponseSchema>;

export const submitAnnotationRequestSchema = z.strictObject({
  itemId: itemIdSchema,
  labels: z.array(z.number().int().min(0).max(199)).max(200),
  /** Chosen by the client once per submission; a retry with the same key returns the same annotation. */
  idempotencyKey: z.string().min(8).max(200),
});
export type SubmitAnnotationRequest = z.infer<typeof submitAnnotationRequestSchema>;

export const annotationSchema = z.object({
  id: itemIdSchema,
  itemId: itemIdSchema,
  userId: z.uuid(),
  labels: z.array(z.number()),
  idempotencyKey: z.string(),
  createdAt: z.string(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const undoResponseSchema = z.object({ undone: annotationSchema, task: taskSchema });
export type UndoResponse = z.infer<typeof undoResponseSchema>;
