// The replay request as a DTO for the validation pipe and OpenAPI (beside the replay routes rather than in
// common/dto.ts, which the rest of the active-learning routes are adding to at the same time).
import { createZodDto } from 'nestjs-zod';
import { createReplaySchema } from '@arbiter/contracts';

export class CreateReplayDto extends createZodDto(createReplaySchema) {}
