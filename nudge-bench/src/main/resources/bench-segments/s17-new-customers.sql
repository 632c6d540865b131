-- s17: first ... within
-- 30d = 2592000000 ms
SELECT profile_id
FROM events
WHERE event = 'Order Completed' AND ts <= :now
GROUP BY profile_id
HAVING min(ts) > :now - 2592000000
