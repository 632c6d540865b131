-- s19: sequence with not_followed_by + same (DESIGN.md §6's example), subscribed
-- The checkout counts once its hour has passed (c.ts <= :now - 1h) and if it lies in the last 7 days.
-- 7d = 604800000 ms, 1h = 3600000 ms
WITH traits AS (
  -- latest non-null value of each trait among identify calls up to :now
  SELECT profile_id,
         (array_agg(email ORDER BY ts DESC) FILTER (WHERE email IS NOT NULL))[1] AS email,
         (array_agg(consent_email ORDER BY ts DESC) FILTER (WHERE consent_email IS NOT NULL))[1] AS consent_email
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
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
