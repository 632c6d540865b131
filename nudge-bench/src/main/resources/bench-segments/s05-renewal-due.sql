-- s05: in_next, not_in, older_than (dates), gte, lt
-- 14d = 1209600000 ms, 180d = 15552000000 ms
WITH latest AS (
  -- per trait, when an identify call last set it to a non-null value up to :now
  -- (ts is unique within a profile, so each names one identify row)
  SELECT profile_id,
         max(ts) FILTER (WHERE plan IS NOT NULL) AS plan_ts,
         max(ts) FILTER (WHERE age IS NOT NULL) AS age_ts,
         max(ts) FILTER (WHERE created_at IS NOT NULL) AS created_at_ts,
         max(ts) FILTER (WHERE renewal_at IS NOT NULL) AS renewal_at_ts
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
),
traits AS (
  -- each trait's value at :now: the value on that identify row (an index lookup on PostgreSQL)
  SELECT l.profile_id, i_plan.plan, i_age.age, i_created_at.created_at, i_renewal_at.renewal_at
  FROM latest l
  LEFT JOIN events i_plan ON i_plan.event = 'identify' AND i_plan.profile_id = l.profile_id AND i_plan.ts = l.plan_ts
  LEFT JOIN events i_age ON i_age.event = 'identify' AND i_age.profile_id = l.profile_id AND i_age.ts = l.age_ts
  LEFT JOIN events i_created_at ON i_created_at.event = 'identify' AND i_created_at.profile_id = l.profile_id AND i_created_at.ts = l.created_at_ts
  LEFT JOIN events i_renewal_at ON i_renewal_at.event = 'identify' AND i_renewal_at.profile_id = l.profile_id AND i_renewal_at.ts = l.renewal_at_ts
)
SELECT t.profile_id
FROM traits t
WHERE t.renewal_at > :now AND t.renewal_at <= :now + 1209600000
  AND t.plan NOT IN ('free')
  AND t.created_at < :now - 15552000000
  AND t.age >= 21
  AND t.age < 70
