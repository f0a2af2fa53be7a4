/**
 * Written by hand (not generated): the API's read-only database role `depin_api`.
 * NOLOGIN here; the stack gives it a login password at start (or the operator points API_DATABASE_URL at a
 * role of their own, see README). It may read every table of the schema (now and later: default privileges)
 * and nothing else: no INSERT/UPDATE/DELETE/TRUNCATE, no CREATE in the schema, no temporary tables, and every
 * transaction of it starts read-only. A database user without CREATEROLE skips the role with a notice.
 */
module.exports = class ApiReadOnlyRole1795979825886 {
    name = 'ApiReadOnlyRole1795979825886'

    async up(db) {
        await db.query(`
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'depin_api') THEN
    BEGIN
      CREATE ROLE depin_api NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'depin_api role not created (no CREATEROLE): give the API a read-only role with API_DATABASE_URL';
      RETURN;
    END;
  END IF;
  ALTER ROLE depin_api SET default_transaction_read_only = on;
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM depin_api', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO depin_api', current_database());
  -- PUBLIC may create temporary tables and (before PostgreSQL 15) objects in public: take both away
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
  REVOKE ALL ON SCHEMA public FROM depin_api;
  GRANT USAGE ON SCHEMA public TO depin_api;
  REVOKE ALL ON ALL TABLES IN SCHEMA public FROM depin_api;
  GRANT SELECT ON ALL TABLES IN SCHEMA public TO depin_api;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO depin_api;
END $$`)
    }

    async down(db) {
        await db.query(`
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'depin_api') THEN
    ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM depin_api;
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM depin_api;
    REVOKE ALL ON SCHEMA public FROM depin_api;
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM depin_api', current_database());
    EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database());
  END IF;
END $$`)
    }
}
