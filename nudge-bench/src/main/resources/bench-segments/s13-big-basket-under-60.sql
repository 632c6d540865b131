-- s13: max aggregate (all time), trait lte
WITH traits AS (
  -- latest non-null value of each trait among identify calls up to :now
  SELECT profile_id,
         (array_agg(age ORDER BY ts DESC) FILTER (WHERE age IS NOT NULL))[1] AS age
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
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
