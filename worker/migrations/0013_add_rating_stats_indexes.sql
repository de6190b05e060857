-- The console's ratings statistics (issue 9) read through indexes, however many votes a site has:
-- items by number of votes and by average, the last vote of an item, and votes per day.
CREATE INDEX rating_totals_by_count ON rating_totals (site_id, count DESC, item);
CREATE INDEX rating_totals_by_average ON rating_totals (site_id, (CAST(total AS REAL) / count) DESC, item) WHERE count > 0;
CREATE INDEX rating_votes_by_item_time ON rating_votes (site_id, item, voted_at);
CREATE INDEX rating_votes_by_time ON rating_votes (site_id, voted_at);
