-- s15: last ... older_than (false without any order), subscribed
-- 45d = 3888000000 ms
WITH latest AS (
  -- per trait, when an identify call last set it to a non-null value up to :now
  -- (ts is unique within a profile, so each names one identify row)
  SELECT profile_id,
         max(ts) FILTER (WHERE email IS NOT NULL) AS email_ts,
         max(ts) FILTER (WHERE consent_email IS NOT NULL) AS consent_email_ts
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
),
traits AS (
  -- each trait's value at :now: the value on that identify row (an index lookup on PostgreSQL)
  SELECT l.profile_id, i_email.email, i_consent_email.consent_email
  FROM latest l
  LEFT JOIN events i_email ON i_email.event = 'identify' AND i_email.profile_id = l.profile_id AND i_email.ts = l.email_ts
  LEFT JOIN events i_consent_email ON i_consent_email.event = 'identify' AND i_consent_email.profile_id = l.profile_id AND i_consent_email.ts = l.consent_email_ts
),
last_order AS (
  SELECT profile_id, max(ts) AS last_ts
  FROM events
  WHERE event = 'Order Completed' AND ts <= :now
  GROUP BY profile_id
)
SELECT o.profile_id
FROM last_order o JOIN traits t ON t.profile_id = o.profile_id
WHERE o.last_ts < :now - 3888000000
  AND (t.email IS NOT NULL AND (t.consent_email IS NULL OR t.consent_email = 'subscribed'))
