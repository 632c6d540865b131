-- s07: event with a where equality, default test (count >= 1)
-- 30d = 2592000000 ms
SELECT DISTINCT profile_id
FROM events
WHERE event = 'Product Added'
  AND category = 'shoes'
  AND ts > :now - 2592000000 AND ts <= :now
