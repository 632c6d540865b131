-- s14: distinct aggregate in a window
-- 30d = 2592000000 ms
SELECT profile_id
FROM events
WHERE event = 'Product Viewed'
  AND ts > :now - 2592000000 AND ts <= :now
GROUP BY profile_id
HAVING count(DISTINCT category) >= 4
