-- s19: sequence with not_followed_by + same (DESIGN.md §6's example), subscribed
-- The checkout counts once its hour has passed (c.ts <= :now - 1h) and if it lies in the last 7 days.
-- 7d = 604800000 ms, 1h = 3600000 ms
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
abandoned AS (
  SELECT DISTINCT c.profile_id
  FROM events c
  WHERE c.event = 'Checkout Started'
    AND c.ts > :now - 604800000
    AND c.ts <= :now - 3600000
    AND NOT EXISTS (
      SELECT 1 FROM events o
      WHERE o.profile_id = c.profile_id AND o.event = 'Order Completed'
        AND o.checkout_id = c.checkout_id
        AND o.ts > c.ts AND o.ts <= c.ts + 3600000)
)
SELECT a.profile_id
FROM abandoned a JOIN traits t ON t.profile_id = a.profile_id
WHERE (t.email IS NOT NULL AND (t.consent_email IS NULL OR t.consent_email = 'subscribed'))
