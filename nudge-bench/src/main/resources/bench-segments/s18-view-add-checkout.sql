-- s18: sequence with then_within and same; the first step must lie in the last 14 days
-- 14d = 1209600000 ms, 10m = 600000 ms, 1h = 3600000 ms
SELECT DISTINCT v.profile_id
FROM events v
JOIN events a
  ON a.profile_id = v.profile_id AND a.event = 'Product Added' AND a.product_id = v.product_id
 AND a.ts > v.ts AND a.ts <= v.ts + 600000 AND a.ts <= :now
JOIN events c
  ON c.profile_id = v.profile_id AND c.event = 'Checkout Started'
 AND c.ts > a.ts AND c.ts <= a.ts + 3600000 AND c.ts <= :now
WHERE v.event = 'Product Viewed'
  AND v.ts > :now - 1209600000 AND v.ts <= :now
