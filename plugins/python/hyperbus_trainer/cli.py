"""``python3 -m hyperbus_trainer``: run a trainer worker from the command line."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
from typing import Optional, Sequence

from . import select_trainers
from .errors import BrokerRefusedError
from .urls import SecretFilter, mask_url, url_password
from .worker import Worker

log = logging.getLogger("hyperbus_trainer")
EXAMPLES = "hyperbus_trainer.examples"


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python3 -m hyperbus_trainer", description=(
        "Serve HyperBus trainers: consume TrialRequested from hyperbus-trainer-<kind> and publish outcomes."))
    parser.add_argument("--rabbitmq", default=os.environ.get("HYPERBUS_RABBITMQ"),
                        help="AMQP URL, e.g. amqp://guest:guest@localhost:5672/%%2F (env HYPERBUS_RABBITMQ)")
    parser.add_argument("--trainer", action="append", dest="trainers", metavar="KIND",
                        help="a trainer kind to serve (repeatable; default: every registered kind)")
    parser.add_argument("--concurrency", type=int, default=1, help="trials at once per kind (default 1)")
    parser.add_argument("--worker-id", help="this worker's id (default: host-pid-random)")
    parser.add_argument("--module", action="append", default=[], metavar="MODULE",
                        help="import this module to register its trainers (repeatable)")
    parser.add_argument("--no-examples", action="store_true", help=f"do not import {EXAMPLES}")
    parser.add_argument("--decision-timeout", type=float, default=30.0,
                        help="seconds a report waits for the host's decision (default 30)")
    parser.add_argument("--checkpoints", default=None, metavar="DIR",
                        help="root of the per-trial checkpoint folders (env HYPERBUS_CHECKPOINTS; default: temp dir)")
    parser.add_argument("--log-level", default=os.environ.get("HYPERBUS_LOG_LEVEL", "INFO"))
    args = parser.parse_args(argv)
    if not args.rabbitmq:
        parser.error("give --rabbitmq or set HYPERBUS_RABBITMQ")
    return args


def configure_logging(level: str, url: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    password = url_password(url)
    if password:
        handler.addFilter(SecretFilter(password))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
    # pika logs every failed connect at ERROR with a traceback; the worker logs one line per retry.
    logging.getLogger("pika").setLevel(logging.DEBUG if level.upper() == "DEBUG" else logging.CRITICAL)


def import_trainers(modules: Sequence[str], examples: bool) -> None:
    importlib.import_module("hyperbus_trainer.conformance")  # always served: what `hyperbus conformance` drives
    if examples:
        try:
            importlib.import_module(EXAMPLES)
        except ImportError as error:  # scikit-learn is optional
            log.warning("example trainers not loaded: %s", error)
    sys.path.insert(0, os.getcwd())
    for module in modules:
        importlib.import_module(module)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    configure_logging(args.log_level, args.rabbitmq)
    try:
        import_trainers(args.module, examples=not args.no_examples)
    except ImportError as error:
        log.error("cannot import trainer module: %s", error)
        return 2
    try:
        trainers = select_trainers(args.trainers)
        worker = Worker(args.rabbitmq, trainers, concurrency=args.concurrency, worker_id=args.worker_id,
                        decision_timeout=args.decision_timeout, checkpoint_root=args.checkpoints)
    except ValueError as error:
        log.error("%s", error)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: worker.stop())
    log.info("connecting to %s", mask_url(args.rabbitmq))
    try:
        worker.run()
    except KeyboardInterrupt:
        worker.stop()
    except BrokerRefusedError as error:
        log.error("%s", error)
        return 2
    return 0
