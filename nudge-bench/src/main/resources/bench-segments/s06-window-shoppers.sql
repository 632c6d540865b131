-- s06: event counts in windows, "== 0" (did not)
-- 7d = 604800000 ms, 30d = 2592000000 ms
SELECT profile_id
FROM events
WHERE ts <= :now
GROUP BY profile_id
HAVING count(*) FILTER (WHERE event = 'Product Viewed' AND ts > :now - 604800000) >= 3
   AND count(*) FILTER (WHERE event = 'Order Completed' AND ts > :now - 2592000000) = 0
