-- R-A9: 注销, 撤销 and 吊销 are terminal. The services refuse first with a Chinese message; this makes sure no path
-- (import, a script, a bug) ever leads out of a terminal status.
CREATE TRIGGER `organizations_terminal_status_bu` BEFORE UPDATE OF `status` ON `organizations`
WHEN OLD.`status` <> 'active' AND NEW.`status` <> OLD.`status`
BEGIN
  SELECT RAISE(ABORT, 'R-A9: a terminated organization''s status never changes');
END;
