-- s09: since window
-- 2025-12-01T00:00:00Z = 1764547200000
SELECT DISTINCT profile_id
FROM events
WHERE event = 'Email Link Clicked'
  AND ts >= 1764547200000 AND ts <= :now
