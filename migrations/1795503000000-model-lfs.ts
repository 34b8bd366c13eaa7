// Model LFs: a labeling function that votes a trained model's label above a confidence. The kind joins the
// versions' check; the model is pinned by version in the definition, and the scores it votes from are kept while a
// current LF version names it (see SelectionRepository), so nothing else is stored.
import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'keyword', 'regex', 'threshold', 'word-count', 'code'`;

export class ModelLfs1795503000000 implements MigrationInterface {
  name = 'ModelLfs1795503000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE lf_versions DROP CONSTRAINT lf_versions_kind_check;
      ALTER TABLE lf_versions ADD CONSTRAINT lf_versions_kind_check CHECK (kind IN (${BEFORE}, 'model'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      -- An LF that was ever a model LF goes whole (its versions and votes with it): a version cannot go alone.
      DELETE FROM labeling_functions f USING lf_versions v WHERE v.lf_id = f.id AND v.kind = 'model';
      ALTER TABLE lf_versions DROP CONSTRAINT lf_versions_kind_check;
      ALTER TABLE lf_versions ADD CONSTRAINT lf_versions_kind_check CHECK (kind IN (${BEFORE}));
    `);
  }
}
