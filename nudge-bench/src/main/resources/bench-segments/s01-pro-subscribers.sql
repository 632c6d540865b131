-- s01: trait equals, subscribed, all
WITH traits AS (
  -- latest non-null value of each trait among identify calls up to :now
  SELECT profile_id,
         (array_agg(email ORDER BY ts DESC) FILTER (WHERE email IS NOT NULL))[1] AS email,
         (array_agg(plan ORDER BY ts DESC) FILTER (WHERE plan IS NOT NULL))[1] AS plan,
         (array_agg(consent_email ORDER BY ts DESC) FILTER (WHERE consent_email IS NOT NULL))[1] AS consent_email
  FROM events
  WHERE event = 'identify' AND ts <= :now
  GROUP BY profile_id
)
SELECT t.profile_id
FROM traits t
WHERE t.plan = 'pro'
  AND (t.email IS NOT NULL AND (t.consent_email IS NULL OR t.consent_email = 'subscribed'))
