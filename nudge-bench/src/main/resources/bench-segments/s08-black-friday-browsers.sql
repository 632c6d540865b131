-- s08: between window (inclusive), count
-- 2025-11-28T00:00:00Z = 1764288000000, 2025-12-01T00:00:00Z = 1764547200000
SELECT profile_id
FROM events
WHERE event = 'page'
  AND ts BETWEEN 1764288000000 AND 1764547200000
  AND ts <= :now
GROUP BY profile_id
HAVING count(*) >= 2
