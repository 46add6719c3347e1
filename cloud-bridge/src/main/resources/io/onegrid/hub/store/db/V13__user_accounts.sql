-- Version 13: user accounts an admin can disable (never deleted: cases and the audit log name them) and a
-- password each user can change; disabling or resetting ends the user's sessions.
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
ALTER TABLE users ADD COLUMN password_changed_at BIGINT;
