-- s16: last ... within with a where (machine opens excluded), any
-- 7d = 604800000 ms
SELECT DISTINCT profile_id
FROM events
WHERE ts > :now - 604800000 AND ts <= :now
  AND ((event = 'Email Opened' AND machine = false) OR event = 'Email Link Clicked')
