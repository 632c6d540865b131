-- s03: trait between (inclusive), exists, not_equals (false on a missing plan)
WITH identify AS (
  -- identify calls up to :now: the only rows that carry traits
  SELECT profile_id, ts, first_name, plan, age
  FROM events
  WHERE event = 'identify' AND ts <= :now
),
latest AS (
  -- per trait, when it was last set to a non-null value (ts is unique within a profile)
  SELECT profile_id,
         max(ts) FILTER (WHERE first_name IS NOT NULL) AS first_name_ts,
         max(ts) FILTER (WHERE plan IS NOT NULL) AS plan_ts,
         max(ts) FILTER (WHERE age IS NOT NULL) AS age_ts
  FROM identify
  GROUP BY profile_id
),
traits AS (
  -- each trait's value at :now: the latest non-null value
  SELECT l.profile_id, i_first_name.first_name, i_plan.plan, i_age.age
  FROM latest l
  LEFT JOIN identify i_first_name ON i_first_name.profile_id = l.profile_id AND i_first_name.ts = l.first_name_ts
  LEFT JOIN identify i_plan ON i_plan.profile_id = l.profile_id AND i_plan.ts = l.plan_ts
  LEFT JOIN identify i_age ON i_age.profile_id = l.profile_id AND i_age.ts = l.age_ts
)
SELECT t.profile_id
FROM traits t
WHERE t.age BETWEEN 35 AND 54
  AND t.first_name IS NOT NULL
  AND t.plan <> 'business'
