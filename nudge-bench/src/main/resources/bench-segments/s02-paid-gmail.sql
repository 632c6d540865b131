-- s02: trait in, contains, gt
WITH traits AS (
  -- latest non-null value of each trait among identify calls up to :now
  SELECT profile_id,
         (array_agg(email ORDER BY ts DESC) FILTER (WHERE email IS NOT NULL))[1] AS email,
         (array_agg(plan ORDER BY ts DESC) FILTER (WHERE plan IS NOT NULL))[1] AS plan,
         (array_agg(age ORDER BY ts DESC) FILTER (WHERE age IS NOT NULL))[1] AS age
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
)
SELECT t.profile_id
FROM traits t
WHERE t.plan IN ('pro', 'business')
  AND strpos(t.email, '@gmail.') > 0
  AND t.age > 25
