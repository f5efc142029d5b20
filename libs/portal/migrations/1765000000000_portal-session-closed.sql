-- Up Migration
-- Every hub instance keeps the sessions it has read (libs/portal/src/auth/session-cache.ts) and must
-- drop one at once when it is deleted (a logout on any instance, the purge, an operator) or changed
-- other than by its idle clock. The token hash (hex) is announced on portal_session_closed; a
-- TRUNCATE announces '*' (all). NOTIFY is sent at commit, so a rolled-back delete announces nothing.
CREATE OR REPLACE FUNCTION session_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('portal_session_closed', '*');
  ELSE
    PERFORM pg_notify('portal_session_closed', encode(OLD.token_sha256, 'hex'));
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS sessions_deleted ON sessions;
CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION session_closed();

-- Touching last_seen_at (once a minute per session) announces nothing; any other change does.
DROP TRIGGER IF EXISTS sessions_changed ON sessions;
CREATE TRIGGER sessions_changed AFTER UPDATE ON sessions FOR EACH ROW
  WHEN ((OLD.token_sha256, OLD.subject_type, OLD.iin, OLD.bin, OLD.roles, OLD.common_name, OLD.organisation, OLD.cert_serial, OLD.created_at, OLD.expires_at)
        IS DISTINCT FROM (NEW.token_sha256, NEW.subject_type, NEW.iin, NEW.bin, NEW.roles, NEW.common_name, NEW.organisation, NEW.cert_serial, NEW.created_at, NEW.expires_at))
  EXECUTE FUNCTION session_closed();

DROP TRIGGER IF EXISTS sessions_truncated ON sessions;
CREATE TRIGGER sessions_truncated AFTER TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION session_closed();
