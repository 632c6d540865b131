-- s13: max aggregate (all time), trait lte
WITH latest AS (
  -- per trait, when an identify call last set it to a non-null value up to :now
  -- (ts is unique within a profile, so each names one identify row)
  SELECT profile_id,
         max(ts) FILTER (WHERE age IS NOT NULL) AS age_ts
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
),
traits AS (
  -- each trait's value at :now: the value on that identify row (an index lookup on PostgreSQL)
  SELECT l.profile_id, i_age.age
  FROM latest l
  LEFT JOIN events i_age ON i_age.event = 'identify' AND i_age.profile_id = l.profile_id AND i_age.ts = l.age_ts
),
big AS (
  SELECT profile_id
  FROM events
  WHERE event = 'Order Completed' AND ts <= :now
  GROUP BY profile_id
  HAVING max(revenue) >= 150
)
SELECT b.profile_id
FROM big b JOIN traits t ON t.profile_id = b.profile_id
WHERE t.age <= 60
