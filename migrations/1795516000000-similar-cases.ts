// Similar-case routing (issue 10): a production service may send the item's embedding with a prediction; a new
// prediction's nearest reviewed predictions (by those embeddings) decide whether the model's record nearby
// warrants a review.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class SimilarCases1795516000000 implements MigrationInterface {
  name = 'SimilarCases1795516000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE production_predictions ADD COLUMN embedding real[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE production_predictions DROP COLUMN embedding`);
  }
}
