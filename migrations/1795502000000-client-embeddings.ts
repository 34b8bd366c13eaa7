// Client-supplied embeddings (the import's embeddingField): a vector per item, the project's dimension (fixed by
// the first import that carries vectors, so every vector of a project has the same length) and, per model version,
// which features it was trained on (client vectors or not, and where the diversity embedding came from).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClientEmbeddings1795502000000 implements MigrationInterface {
  name = 'ClientEmbeddings1795502000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE projects ADD COLUMN embedding_dim integer CHECK (embedding_dim BETWEEN 1 AND 4096);
      ALTER TABLE items ADD COLUMN embedding real[] CHECK (cardinality(embedding) BETWEEN 1 AND 4096);
      -- Null for versions trained before the features were recorded.
      ALTER TABLE models ADD COLUMN features jsonb;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE models DROP COLUMN features;
      ALTER TABLE items DROP COLUMN embedding;
      ALTER TABLE projects DROP COLUMN embedding_dim;
    `);
  }
}
