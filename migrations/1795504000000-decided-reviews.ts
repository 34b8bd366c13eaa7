// Review decisions count as new labels for the active-learning "after N new labels" trigger, which counts a
// project's decided reviews each time a label arrives: a partial index keeps that count to the project's rows.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class DecidedReviews1795504000000 implements MigrationInterface {
  name = 'DecidedReviews1795504000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX review_queue_decided_idx ON review_queue (project_id) WHERE status = 'decided'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX review_queue_decided_idx`);
  }
}
