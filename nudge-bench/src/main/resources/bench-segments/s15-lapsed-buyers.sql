-- s15: last ... older_than (false without any order), subscribed
-- 45d = 3888000000 ms
WITH traits AS (
  -- latest non-null value of each trait among identify calls up to :now
  SELECT profile_id,
         (array_agg(email ORDER BY ts DESC) FILTER (WHERE email IS NOT NULL))[1] AS email,
         (array_agg(consent_email ORDER BY ts DESC) FILTER (WHERE consent_email IS NOT NULL))[1] AS consent_email
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
),
last_order AS (
  SELECT profile_id, max(ts) AS last_ts
  FROM events
  WHERE event = 'Order Completed' AND ts <= :now
  GROUP BY profile_id
)
SELECT o.profile_id
FROM last_order o JOIN traits t ON t.profile_id = o.profile_id
WHERE o.last_ts < :now - 3888000000
  AND (t.email IS NOT NULL AND (t.consent_email IS NULL OR t.consent_email = 'subscribed'))
