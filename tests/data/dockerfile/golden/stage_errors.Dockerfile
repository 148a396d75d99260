FROM alpine AS 1bad
FROM alpine AS Bad!
FROM alpine AS
FROM a b c d
FROM alpine ASX name
FROM ok
