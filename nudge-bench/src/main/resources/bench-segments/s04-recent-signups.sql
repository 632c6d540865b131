-- s04: any, date operators within / after / before
-- 14d = 1209600000 ms; 2025-11-01T00:00:00Z = 1761955200000; 2025-11-08T00:00:00Z = 1762560000000
WITH traits AS (
  -- latest non-null value of each trait among identify calls up to :now
  SELECT profile_id,
         (array_agg(created_at ORDER BY ts DESC) FILTER (WHERE created_at IS NOT NULL))[1] AS created_at
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
)
SELECT t.profile_id
FROM traits t
WHERE (t.created_at > :now - 1209600000 AND t.created_at <= :now)
   OR (t.created_at > 1761955200000 AND t.created_at < 1762560000000)
