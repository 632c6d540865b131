-- s20: segment references, with for: and under not:
-- s17 (first order within 30d) holds from the first order f until f + 30d, one interval, so
-- "member for 14d" is exactly: :now - 30d < f <= :now - 14d.
-- s16 and s19 are inlined from their own files.
-- 14d = 1209600000 ms, 30d = 2592000000 ms, 7d = 604800000 ms, 1h = 3600000 ms
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
settled AS (
  SELECT profile_id
  FROM events
  WHERE event = 'Order Completed' AND ts <= :now
  GROUP BY profile_id
  HAVING min(ts) > :now - 2592000000 AND min(ts) <= :now - 1209600000
),
engaged AS (
  SELECT DISTINCT profile_id
  FROM events
  WHERE ts > :now - 604800000 AND ts <= :now
    AND ((event = 'Email Opened' AND machine = false) OR event = 'Email Link Clicked')
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
),
s19 AS (
  SELECT a.profile_id
  FROM abandoned a JOIN traits t ON t.profile_id = a.profile_id
  WHERE (t.email IS NOT NULL AND (t.consent_email IS NULL OR t.consent_email = 'subscribed'))
)
SELECT s.profile_id
FROM settled s
JOIN engaged e ON e.profile_id = s.profile_id
WHERE NOT EXISTS (SELECT 1 FROM s19 WHERE s19.profile_id = s.profile_id)
