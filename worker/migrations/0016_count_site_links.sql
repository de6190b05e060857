-- The per-site link quota (0008, kept by 0010) counted the site's links on every insert: an import
-- of 2,000 links read some two million index entries. The site row now keeps its count, so each
-- insert's check reads one row. Counted by triggers, as the quota is enforced by one: every way of
-- adding or deleting a link (one link, an import, a replace, a site removed) keeps it exact.
ALTER TABLE sites ADD COLUMN link_count INTEGER NOT NULL DEFAULT 0;
UPDATE sites SET link_count = (SELECT count(*) FROM links WHERE links.site_id = sites.id);

DROP TRIGGER links_quota;

-- one trigger, so the count is raised before it is checked
CREATE TRIGGER links_quota AFTER INSERT ON links
BEGIN
  UPDATE sites SET link_count = link_count + 1 WHERE id = NEW.site_id;
  SELECT RAISE(ABORT, 'quota_exceeded: links') FROM sites WHERE id = NEW.site_id AND link_count > link_quota;
END;

CREATE TRIGGER links_count_on_delete AFTER DELETE ON links
BEGIN
  UPDATE sites SET link_count = link_count - 1 WHERE id = OLD.site_id;
END;
