-- s12: min aggregate, where with an operator map (in)
-- 30d = 2592000000 ms
SELECT profile_id
FROM events
WHERE event = 'Product Viewed'
  AND category IN ('books', 'music')
  AND ts > :now - 2592000000 AND ts <= :now
GROUP BY profile_id
HAVING min(price) <= 10
