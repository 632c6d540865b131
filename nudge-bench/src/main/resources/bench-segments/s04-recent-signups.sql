-- s04: any, date operators within / after / before
-- 14d = 1209600000 ms; 2025-11-01T00:00:00Z = 1761955200000; 2025-11-08T00:00:00Z = 1762560000000
WITH latest AS (
  -- per trait, when an identify call last set it to a non-null value up to :now
  -- (ts is unique within a profile, so each names one identify row)
  SELECT profile_id,
         max(ts) FILTER (WHERE created_at IS NOT NULL) AS created_at_ts
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
),
traits AS (
  -- each trait's value at :now: the value on that identify row (an index lookup on PostgreSQL)
  SELECT l.profile_id, i_created_at.created_at
  FROM latest l
  LEFT JOIN events i_created_at ON i_created_at.event = 'identify' AND i_created_at.profile_id = l.profile_id AND i_created_at.ts = l.created_at_ts
)
SELECT t.profile_id
FROM traits t
WHERE (t.created_at > :now - 1209600000 AND t.created_at <= :now)
   OR (t.created_at > 1761955200000 AND t.created_at < 1762560000000)
