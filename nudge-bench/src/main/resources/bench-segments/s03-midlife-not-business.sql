-- s03: trait between (inclusive), exists, not_equals (false on a missing plan)
WITH traits AS (
  -- latest non-null value of each trait among identify calls up to :now
  SELECT profile_id,
         (array_agg(first_name ORDER BY ts DESC) FILTER (WHERE first_name IS NOT NULL))[1] AS first_name,
         (array_agg(plan ORDER BY ts DESC) FILTER (WHERE plan IS NOT NULL))[1] AS plan,
         (array_agg(age ORDER BY ts DESC) FILTER (WHERE age IS NOT NULL))[1] AS age
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
)
SELECT t.profile_id
FROM traits t
WHERE t.age BETWEEN 35 AND 54
  AND t.first_name IS NOT NULL
  AND t.plan <> 'business'
