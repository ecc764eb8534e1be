#!/usr/bin/env bash
# One-shot: creates Entrada's topics (and a -dlt beside each) if they do not exist yet.
# Names and settings match dev.entrada.contracts.Topics and the local launcher.
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:29092}"
partitions="${TOPIC_PARTITIONS:-3}"
replication="${TOPIC_REPLICATION:-1}"
create() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$1" --partitions "$partitions" --replication-factor "$replication" "${@:2}"
}
for topic in event-catalog signing-keys; do
  create "$topic" --config cleanup.policy=compact
  create "$topic-dlt"
done
# Payloads that name people age out after 180 days (Topics.PERSONAL_RETENTION_MS); daily segments,
# because retention only deletes closed ones.
for topic in registration-events ticket-events checkin-events; do
  create "$topic" --config retention.ms=15552000000 --config segment.ms=86400000
  create "$topic-dlt" --config retention.ms=15552000000 --config segment.ms=86400000
done
