-- name: create-events
-- The one table both SQL engines load from events.csv (same column order). Instants are epoch
-- milliseconds (BIGINT) so no engine applies a time zone; money is DECIMAL so sums are exact in both.
-- Trait columns are filled on identify rows only; a profile's trait at :now is the latest non-null
-- value with ts <= :now. profile_id is the identity as resolved at the end of the stream.
CREATE TABLE events (
  message_id    VARCHAR NOT NULL,
  profile_id    VARCHAR NOT NULL,
  user_id       VARCHAR,
  anonymous_id  VARCHAR,
  type          VARCHAR NOT NULL,
  event         VARCHAR NOT NULL,
  ts_iso        VARCHAR NOT NULL,
  ts            BIGINT  NOT NULL,
  product_id    VARCHAR,
  category      VARCHAR,
  price         DECIMAL(12,2),
  checkout_id   VARCHAR,
  order_id      VARCHAR,
  revenue       DECIMAL(12,2),
  campaign_id   VARCHAR,
  machine       BOOLEAN,
  email         VARCHAR,
  first_name    VARCHAR,
  plan          VARCHAR,
  age           INTEGER,
  created_at    BIGINT,
  renewal_at    BIGINT,
  consent_email VARCHAR
)
