// Users, projects, items, task slots, annotations and counters: the annotation workflow's tables.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795452000000 implements MigrationInterface {
  name = 'Foundation1795452000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        is_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email_key ON users (lower(email));

      CREATE TABLE sessions (
        token_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user_idx ON sessions (user_id);

      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        guidelines text NOT NULL DEFAULT '',
        label_kind text NOT NULL CHECK (label_kind IN ('single', 'multi')),
        labels jsonb NOT NULL,
        overlap smallint NOT NULL DEFAULT 1 CHECK (overlap BETWEEN 1 AND 50),
        lease_seconds integer NOT NULL DEFAULT 900 CHECK (lease_seconds BETWEEN 5 AND 86400),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE project_members (
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'engineer', 'reviewer', 'annotator')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, user_id)
      );
      CREATE INDEX project_members_user_idx ON project_members (user_id);

      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'engineer', 'reviewer', 'annotator')),
        key_hash bytea NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE INDEX api_keys_project_idx ON api_keys (project_id);

      CREATE TABLE items (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        external_id text,
        text text NOT NULL,
        image_url text,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        gold smallint[],
        prediction real[],
        annotation_count smallint NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'completed')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX items_project_external_key ON items (project_id, external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX items_project_idx ON items (project_id, id);

      -- One row per (item, overlap slot): an item is labeled by at most as many annotators as it has slots.
      CREATE TABLE task_slots (
        item_id bigint NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        slot smallint NOT NULL,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        state text NOT NULL DEFAULT 'free' CHECK (state IN ('free', 'leased', 'done')),
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        leased_at timestamptz,
        lease_expires_at timestamptz,
        PRIMARY KEY (item_id, slot),
        CHECK ((state = 'free') = (user_id IS NULL))
      );
      CREATE INDEX task_slots_open_idx ON task_slots (project_id, item_id, slot) WHERE state <> 'done';
      CREATE UNIQUE INDEX task_slots_item_user_key ON task_slots (item_id, user_id) WHERE user_id IS NOT NULL;
      CREATE INDEX task_slots_lease_idx ON task_slots (project_id, user_id) WHERE state = 'leased';

      CREATE TABLE skips (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        item_id bigint NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, item_id)
      );

      CREATE TABLE annotations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        item_id bigint NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        slot smallint NOT NULL,
        labels smallint[] NOT NULL,
        idempotency_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT annotations_idempotency_key UNIQUE (user_id, idempotency_key),
        CONSTRAINT annotations_item_user_key UNIQUE (item_id, user_id),
        CONSTRAINT annotations_item_slot_key UNIQUE (item_id, slot)
      );
      CREATE INDEX annotations_project_idx ON annotations (project_id, item_id);
      CREATE INDEX annotations_user_idx ON annotations (project_id, user_id, id DESC);

      -- Maintained in the same transaction as the change they count, so dashboards never scan.
      CREATE TABLE project_counters (
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        dimension text NOT NULL CHECK (dimension IN ('status', 'annotator', 'label')),
        key text NOT NULL,
        value bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (project_id, dimension, key)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE project_counters;
      DROP TABLE annotations;
      DROP TABLE skips;
      DROP TABLE task_slots;
      DROP TABLE items;
      DROP TABLE api_keys;
      DROP TABLE project_members;
      DROP TABLE projects;
      DROP TABLE sessions;
      DROP TABLE users;
    `);
  }
}
