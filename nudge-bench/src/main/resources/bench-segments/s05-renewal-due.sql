-- s05: in_next, not_in, older_than (dates), gte, lt
-- 14d = 1209600000 ms, 180d = 15552000000 ms
WITH traits AS (
  -- latest non-null value of each trait among identify calls up to :now
  SELECT profile_id,
         (array_agg(plan ORDER BY ts DESC) FILTER (WHERE plan IS NOT NULL))[1] AS plan,
         (array_agg(age ORDER BY ts DESC) FILTER (WHERE age IS NOT NULL))[1] AS age,
         (array_agg(created_at ORDER BY ts DESC) FILTER (WHERE created_at IS NOT NULL))[1] AS created_at,
         (array_agg(renewal_at ORDER BY ts DESC) FILTER (WHERE renewal_at IS NOT NULL))[1] AS renewal_at
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
)
SELECT t.profile_id
FROM traits t
WHERE t.renewal_at > :now AND t.renewal_at <= :now + 1209600000
  AND t.plan NOT IN ('free')
  AND t.created_at < :now - 15552000000
  AND t.age >= 21
  AND t.age < 70
