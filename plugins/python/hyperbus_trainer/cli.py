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
    parser.add_argument("--prefetch", type=int, default=None, metavar="N",
                        help="requests held per kind, at least the concurrency (default: the concurrency); more "
                             "keeps the next request at hand while an outcome's confirm is on its way")
    parser.add_argument("--announce-after", type=float, default=1.0, metavar="SECONDS",
                        help="send TrialStarted once a trial has run this long; quicker ones are named by their "
                             "outcome alone (default 1; 0: at once)")
    parser.add_argument("--worker-id", help="this worker's id (default: host-pid-random)")
    parser.add_argument("--module", action="append", default=[], metavar="MODULE",
                        help="import this module to register its trainers (repeatable)")
    parser.add_argument("--no-examples", action="store_true", help=f"do not import {EXAMPLES}")
    parser.add_argument("--decision-timeout", type=float, default=30.0,
                        help="seconds a report waits for the host's decision (default 30)")
    parser.add_argument("--checkpoints", default=None, metavar="DIR",
                        help="root of the per-trial checkpoint folders (env HYPERBUS_CHECKPOINTS; default: temp dir)")
    parser.add_argument("--local", action="store_true",
                        help="serve over stdin/stdout instead of RabbitMQ (what `hyperbus tune` starts; no pika needed)")
    parser.add_argument("--processes", type=int, default=0, metavar="N",
                        help="with --local: train in N forked processes of this interpreter (imports once, "
                             "enforces deadlines by killing); 0: trials in threads of this process")
    parser.add_argument("--log-level", default=os.environ.get("HYPERBUS_LOG_LEVEL", "INFO"))
    args = parser.parse_args(argv)
    if not args.rabbitmq and not args.local:
        parser.error("give --rabbitmq or set HYPERBUS_RABBITMQ (or --local for a pipe to `hyperbus tune`)")
    return args


def missing_module_hint(error: ImportError) -> str:
    """Names the module the interpreter lacks and the command that installs it."""
    module = (error.name or str(error)).split(".")[0]
    package = {"sklearn": "scikit-learn"}.get(module, module)
    debian = {"sklearn": "python3-sklearn"}.get(module, f"python3-{module}")
    hint = (f"{sys.executable} has no module '{module}': install it with `apt-get install {debian}` "
            f"or `{sys.executable} -m pip install {package}`")
    # The first python3 on PATH is often a bare one (pyenv, venv) while Debian's has the packages.
    return hint if sys.executable == "/usr/bin/python3" else hint + " (or run Debian's /usr/bin/python3)"


def configure_logging(level: str, url: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    password = url_password(url)
    if password:
        handler.addFilter(SecretFilter(password))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
    # pika logs every failed connect at ERROR with a traceback; the worker logs one line per retry.
    logging.getLogger("pika").setLevel(logging.DEBUG if level.upper() == "DEBUG" else logging.CRITICAL)


def import_trainers(modules: Sequence[str], examples: bool) -> Optional[ImportError]:
    """Imports the trainer modules; returns why the examples did not load, if they did not."""
    missing = None
    importlib.import_module("hyperbus_trainer.conformance")  # always served: what `hyperbus conformance` drives
    if examples:
        try:
            importlib.import_module(EXAMPLES)
        except ImportError as error:  # scikit-learn is optional
            log.warning("example trainers not loaded: %s", missing_module_hint(error))
            missing = error
    sys.path.insert(0, os.getcwd())
    for module in modules:
        importlib.import_module(module)
    return missing


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    configure_logging(args.log_level, args.rabbitmq or "")
    try:
        missing = import_trainers(args.module, examples=not args.no_examples)
    except ImportError as error:
        log.error("cannot import trainer module: %s", missing_module_hint(error))
        return 2
    try:
        trainers = select_trainers(args.trainers)
    except ValueError as error:
        log.error("%s%s", error, f" ({missing_module_hint(missing)})" if missing is not None else "")
        return 2
    if args.local:
        return serve_locally(args, trainers)
    try:
        from .worker import Worker
    except ImportError as error:
        log.error("the RabbitMQ transport needs pika: %s", missing_module_hint(error))
        return 2
    try:
        worker = Worker(args.rabbitmq, trainers, concurrency=args.concurrency, worker_id=args.worker_id,
                        decision_timeout=args.decision_timeout, checkpoint_root=args.checkpoints,
                        announce_after=args.announce_after, prefetch=args.prefetch)
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


def serve_locally(args: argparse.Namespace, trainers: dict) -> int:
    from .local import LocalWorker, protocol_streams
    from .local_processes import ProcessPoolWorker

    incoming, outgoing = protocol_streams()
    worker: LocalWorker | ProcessPoolWorker
    if args.processes > 0:
        worker = ProcessPoolWorker(trainers, incoming, outgoing, args.processes, worker_id=args.worker_id,
                                   decision_timeout=args.decision_timeout, checkpoint_root=args.checkpoints)
    else:
        worker = LocalWorker(trainers, incoming, outgoing, worker_id=args.worker_id,
                             decision_timeout=args.decision_timeout, checkpoint_root=args.checkpoints)
    # Ctrl-C reaches the whole process group: the host closes our input, which ends the worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker.run()
    return 0
