-- s02: trait in, contains, gt
WITH identify AS (
  -- identify calls up to :now: the only rows that carry traits
  SELECT profile_id, ts, email, plan, age
  FROM events
  WHERE event = 'identify' AND ts <= :now
),
latest AS (
  -- per trait, when it was last set to a non-null value (ts is unique within a profile)
  SELECT profile_id,
         max(ts) FILTER (WHERE email IS NOT NULL) AS email_ts,
         max(ts) FILTER (WHERE plan IS NOT NULL) AS plan_ts,
         max(ts) FILTER (WHERE age IS NOT NULL) AS age_ts
  FROM identify
  GROUP BY profile_id
),
traits AS (
  -- each trait's value at :now: the latest non-null value
  SELECT l.profile_id, i_email.email, i_plan.plan, i_age.age
  FROM latest l
  LEFT JOIN identify i_email ON i_email.profile_id = l.profile_id AND i_email.ts = l.email_ts
  LEFT JOIN identify i_plan ON i_plan.profile_id = l.profile_id AND i_plan.ts = l.plan_ts
  LEFT JOIN identify i_age ON i_age.profile_id = l.profile_id AND i_age.ts = l.age_ts
)
SELECT t.profile_id
FROM traits t
WHERE t.plan IN ('pro', 'business')
  AND strpos(t.email, '@gmail.') > 0
  AND t.age > 25
