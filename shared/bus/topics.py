"""Topics are created at start-up if missing; creating one that exists is not an error."""

from __future__ import annotations

from collections.abc import Iterable

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

_TOPIC_ALREADY_EXISTS = 36


class TopicCreationFailed(RuntimeError):
    pass


async def ensure_topics(
    bootstrap_servers: str,
    topics: Iterable[str],
    *,
    partitions: int,
    replication_factor: int,
) -> None:
    names = sorted(set(topics))
    if not names:
        return
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=10_000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [n for n in names if n not in existing]
        if not missing:
            return
        response = await admin.create_topics(
            [NewTopic(n, partitions, replication_factor) for n in missing]
        )
        # Another replica may create the same topic between our list and our create.
        failed = [
            (topic, code, message)
            for topic, code, message in response.topic_errors
            if code not in (0, _TOPIC_ALREADY_EXISTS)
        ]
        if failed:
            raise TopicCreationFailed(f"could not create topics: {failed}")
    finally:
        await admin.close()
