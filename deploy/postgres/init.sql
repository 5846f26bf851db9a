-- Run once by the postgres image on an empty data directory (docker-entrypoint-initdb.d).
-- One database per service (docs/architecture.md: no service reads another's tables).
-- The owner is the image's POSTGRES_USER; in production give each service its own role.
CREATE DATABASE contracts;
CREATE DATABASE payments;
CREATE DATABASE federation;
CREATE DATABASE conflicts;
