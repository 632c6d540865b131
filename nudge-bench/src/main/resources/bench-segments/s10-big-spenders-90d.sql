-- s10: sum aggregate in a window
-- 90d = 7776000000 ms
SELECT profile_id
FROM events
WHERE event = 'Order Completed'
  AND ts > :now - 7776000000 AND ts <= :now
GROUP BY profile_id
HAVING sum(revenue) >= 100
