"""The hedging bench's trainer (issue 15): one attempt in ten runs on a "slow node" and takes 20x the usual time.

The slowness belongs to the attempt, not to the parameters: whether an attempt straggles is a seeded rule of the
trial's number AND its attempt, so the hedged attempt (attempt 2) of a straggler is quick, as it would be on another
worker. Exactly one trial number in ten straggles on its first attempt; no second attempt does. The trainer reports
every 0.1 s, so a losing attempt hears "stop" within one step and frees its worker.
"""
import os
import time

from hyperbus_trainer import trainer

USUAL_SECONDS = float(os.environ.get("STRAGGLER_USUAL", "0.2"))
SLOW_SECONDS = float(os.environ.get("STRAGGLER_SLOW", "4.0"))
SEED = int(os.environ.get("STRAGGLER_SEED", "0"))
STEP_SECONDS = 0.1


def straggles(number: int, attempt: int) -> bool:
    return (number * 7 + attempt * 3 + SEED) % 10 == 0


@trainer("bench-straggler")
def train(ctx):
    x = float(ctx.params["x"])
    seconds = SLOW_SECONDS if straggles(ctx.number, ctx.attempt) else USUAL_SECONDS
    steps = max(1, round(seconds / STEP_SECONDS))
    for step in range(1, steps + 1):
        time.sleep(seconds / steps)
        if ctx.report(step, x) == "stop":
            break
    return x
