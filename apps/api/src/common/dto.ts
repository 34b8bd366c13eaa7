// Request DTOs: zod contracts turned into classes for the global validation pipe and OpenAPI.
import { createZodDto } from 'nestjs-zod';
import {
  modelLineageQuerySchema,
  putModelLineageRequestSchema,
  snapshotSettingsSchema,
  createSnapshotRequestSchema,
  putSplitSettingsRequestSchema,
  snapshotDiffQuerySchema,
  snapshotRowsQuerySchema,
  addMemberRequestSchema,
  changePasswordRequestSchema,
  createApiKeyRequestSchema,
  createProjectRequestSchema,
  createUserRequestSchema,
  createLfRequestSchema,
  lfPreviewRequestSchema,
  updateLfRequestSchema,
  weakLabelsQuerySchema,
  exportQuerySchema,
  importQuerySchema,
  listItemsQuerySchema,
  listReviewQuerySchema,
  loginRequestSchema,
  nextTasksRequestSchema,
  reviewDecisionRequestSchema,
  submitAnnotationRequestSchema,
  updateProjectRequestSchema,
  updateUserRequestSchema,
  updateActiveLearningSettingsSchema,
  routingPolicySchema,
  predictionRequestSchema,
  predictionBatchRequestSchema,
  listProductionReviewsQuerySchema,
  claimProductionReviewsSchema,
  productionVerdictRequestSchema,
  putWebhookRequestSchema,
  listWebhookDeliveriesQuerySchema,
  updateRoutingSettingsSchema,
  modelReferenceRequestSchema,
  monitoringQuerySchema,
} from '@arbiter/contracts';

export class LoginDto extends createZodDto(loginRequestSchema) {}
export class ChangePasswordDto extends createZodDto(changePasswordRequestSchema) {}
export class CreateUserDto extends createZodDto(createUserRequestSchema) {}
export class UpdateUserDto extends createZodDto(updateUserRequestSchema) {}
export class CreateProjectDto extends createZodDto(createProjectRequestSchema) {}
export class UpdateProjectDto extends createZodDto(updateProjectRequestSchema) {}
export class AddMemberDto extends createZodDto(addMemberRequestSchema) {}
export class CreateApiKeyDto extends createZodDto(createApiKeyRequestSchema) {}
export class ImportQueryDto extends createZodDto(importQuerySchema) {}
export class ListItemsQueryDto extends createZodDto(listItemsQuerySchema) {}
export class ExportQueryDto extends createZodDto(exportQuerySchema) {}
export class NextTasksDto extends createZodDto(nextTasksRequestSchema) {}
export class SubmitAnnotationDto extends createZodDto(submitAnnotationRequestSchema) {}
export class ListReviewQueryDto extends createZodDto(listReviewQuerySchema) {}
export class ReviewDecisionDto extends createZodDto(reviewDecisionRequestSchema) {}
export class CreateLfDto extends createZodDto(createLfRequestSchema) {}
export class UpdateLfDto extends createZodDto(updateLfRequestSchema) {}
export class LfPreviewDto extends createZodDto(lfPreviewRequestSchema) {}
export class WeakLabelsQueryDto extends createZodDto(weakLabelsQuerySchema) {}
export class UpdateActiveLearningSettingsDto extends createZodDto(updateActiveLearningSettingsSchema) {}
export class RoutingPolicyDto extends createZodDto(routingPolicySchema) {}
export class UpdateRoutingSettingsDto extends createZodDto(updateRoutingSettingsSchema) {}
export class PredictionDto extends createZodDto(predictionRequestSchema) {}
export class PredictionBatchDto extends createZodDto(predictionBatchRequestSchema) {}
export class ModelReferenceDto extends createZodDto(modelReferenceRequestSchema) {}
export class MonitoringQueryDto extends createZodDto(monitoringQuerySchema) {}
export class ListProductionReviewsQueryDto extends createZodDto(listProductionReviewsQuerySchema) {}
export class ClaimProductionReviewsDto extends createZodDto(claimProductionReviewsSchema) {}
export class ProductionVerdictDto extends createZodDto(productionVerdictRequestSchema) {}
export class PutWebhookDto extends createZodDto(putWebhookRequestSchema) {}
export class ListWebhookDeliveriesQueryDto extends createZodDto(listWebhookDeliveriesQuerySchema) {}
export class CreateSnapshotDto extends createZodDto(createSnapshotRequestSchema) {}
export class PutSplitSettingsDto extends createZodDto(putSplitSettingsRequestSchema) {}
export class SnapshotRowsQueryDto extends createZodDto(snapshotRowsQuerySchema) {}
export class SnapshotDiffQueryDto extends createZodDto(snapshotDiffQuerySchema) {}
export class SnapshotSettingsDto extends createZodDto(snapshotSettingsSchema) {}
export class PutModelLineageDto extends createZodDto(putModelLineageRequestSchema) {}
export class ModelLineageQueryDto extends createZodDto(modelLineageQuerySchema) {}
