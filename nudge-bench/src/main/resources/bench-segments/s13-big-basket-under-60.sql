-- s13: max aggregate (all time), trait lte
WITH identify AS (
  -- identify calls up to :now: the only rows that carry traits
  SELECT profile_id, ts, age
  FROM events
  WHERE event = 'identify' AND ts <= :now
),
latest AS (
  -- per trait, when it was last set to a non-null value (ts is unique within a profile)
  SELECT profile_id,
         max(ts) FILTER (WHERE age IS NOT NULL) AS age_ts
  FROM identify
  GROUP BY profile_id
),
traits AS (
  -- each trait's value at :now: the latest non-null value
  SELECT l.profile_id, i_age.age
  FROM latest l
  LEFT JOIN identify i_age ON i_age.profile_id = l.profile_id AND i_age.ts = l.age_ts
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
