"""Google's Pub/Sub emulator (`gcloud beta emulators pubsub start`), started and stopped for tests and demos."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

PROJECT = "wirelake-test"
INSTALL_HINT = (
    "the Pub/Sub emulator needs the Google Cloud CLI with its emulator component and Java: "
    "https://cloud.google.com/sdk/docs/install, then `gcloud components install pubsub-emulator beta`"
)


class EmulatorUnavailable(RuntimeError):
    """gcloud (with the emulator component and Java) is not installed."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Emulator:
    def __init__(self, host: str):
        self.host = host
        self.project = PROJECT

    @classmethod
    @contextlib.contextmanager
    def start(cls, workdir: Path, timeout: float = 90.0) -> Iterator[Emulator]:
        gcloud = shutil.which("gcloud")
        if gcloud is None:
            raise EmulatorUnavailable(INSTALL_HINT)
        port = free_port()
        host = f"127.0.0.1:{port}"
        log = (workdir / "emulator.log").open("wb")
        process = subprocess.Popen(
            [
                gcloud,
                "beta",
                "emulators",
                "pubsub",
                "start",
                f"--host-port={host}",
                f"--project={PROJECT}",
                f"--data-dir={workdir}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            while not _accepts(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"Pub/Sub emulator did not start; see {workdir / 'emulator.log'}")
                time.sleep(0.2)  # waiting for a server to come up, not a timing assumption
            previous = os.environ.get("PUBSUB_EMULATOR_HOST")
            os.environ["PUBSUB_EMULATOR_HOST"] = host
            try:
                yield cls(host)
            finally:
                if previous is None:
                    os.environ.pop("PUBSUB_EMULATOR_HOST", None)
                else:
                    os.environ["PUBSUB_EMULATOR_HOST"] = previous
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            log.close()

    def topic(self, name: str) -> str:
        from google.cloud import pubsub_v1

        path = f"projects/{self.project}/topics/{name}"
        pubsub_v1.PublisherClient().create_topic(name=path)
        return path

    def subscription(self, topic: str, name: str) -> str:
        from google.cloud import pubsub_v1

        path = f"projects/{self.project}/subscriptions/{name}"
        with pubsub_v1.SubscriberClient() as client:
            client.create_subscription(name=path, topic=topic)
        return path

    def publish(self, topic: str, payloads: list[bytes]) -> None:
        from google.cloud import pubsub_v1

        publisher = pubsub_v1.PublisherClient()
        for future in [publisher.publish(topic, data) for data in payloads]:
            future.result(timeout=30)

    def pull(self, subscription: str, max_messages: int = 100) -> list:
        """Messages available now (acknowledged), each with .data and .attributes."""
        from google.cloud import pubsub_v1

        with pubsub_v1.SubscriberClient() as client:
            response = client.pull(subscription=subscription, max_messages=max_messages, timeout=30)
            if response.received_messages:
                client.acknowledge(subscription=subscription, ack_ids=[m.ack_id for m in response.received_messages])
            return [m.message for m in response.received_messages]


def _accepts(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0
