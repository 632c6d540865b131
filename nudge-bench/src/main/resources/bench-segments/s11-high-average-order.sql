-- s11: avg aggregate, no window; compared as sum > 60 * count, exact in DECIMAL on both engines
SELECT profile_id
FROM events
WHERE event = 'Order Completed'
  AND ts <= :now
GROUP BY profile_id
HAVING sum(revenue) > 60 * count(revenue)
