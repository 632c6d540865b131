-- s03: trait between (inclusive), exists, not_equals (false on a missing plan)
WITH latest AS (
  -- per trait, when an identify call last set it to a non-null value up to :now
  -- (ts is unique within a profile, so each names one identify row)
  SELECT profile_id,
         max(ts) FILTER (WHERE first_name IS NOT NULL) AS first_name_ts,
         max(ts) FILTER (WHERE plan IS NOT NULL) AS plan_ts,
         max(ts) FILTER (WHERE age IS NOT NULL) AS age_ts
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
),
traits AS (
  -- each trait's value at :now: the value on that identify row (an index lookup on PostgreSQL)
  SELECT l.profile_id, i_first_name.first_name, i_plan.plan, i_age.age
  FROM latest l
  LEFT JOIN events i_first_name ON i_first_name.event = 'identify' AND i_first_name.profile_id = l.profile_id AND i_first_name.ts = l.first_name_ts
  LEFT JOIN events i_plan ON i_plan.event = 'identify' AND i_plan.profile_id = l.profile_id AND i_plan.ts = l.plan_ts
  LEFT JOIN events i_age ON i_age.event = 'identify' AND i_age.profile_id = l.profile_id AND i_age.ts = l.age_ts
)
SELECT t.profile_id
FROM traits t
WHERE t.age BETWEEN 35 AND 54
  AND t.first_name IS NOT NULL
  AND t.plan <> 'business'
