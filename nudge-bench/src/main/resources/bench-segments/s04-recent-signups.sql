-- s04: any, date operators within / after / before
-- 14d = 1209600000 ms; 2025-11-01T00:00:00Z = 1761955200000; 2025-11-08T00:00:00Z = 1762560000000
WITH identify AS (
  -- identify calls up to :now: the only rows that carry traits
  SELECT profile_id, ts, created_at
  FROM events
  WHERE event = 'identify' AND ts <= :now
),
latest AS (
  -- per trait, when it was last set to a non-null value (ts is unique within a profile)
  SELECT profile_id,
         max(ts) FILTER (WHERE created_at IS NOT NULL) AS created_at_ts
  FROM identify
  GROUP BY profile_id
),
traits AS (
  -- each trait's value at :now: the latest non-null value
  SELECT l.profile_id, i_created_at.created_at
  FROM latest l
  LEFT JOIN identify i_created_at ON i_created_at.profile_id = l.profile_id AND i_created_at.ts = l.created_at_ts
)
SELECT t.profile_id
FROM traits t
WHERE (t.created_at > :now - 1209600000 AND t.created_at <= :now)
   OR (t.created_at > 1761955200000 AND t.created_at < 1762560000000)
