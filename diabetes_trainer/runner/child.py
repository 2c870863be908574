"""The training process's entry point. Spawn-safe: importing this module has no side effects and imports no torch.

Life of a training process: start and wait; on WARM import torch and warm it up (the pre-warm) and say READY;
on READ read a table, keep it and answer with its summary (the window never parses tables itself); on RUN train
that one config (with the kept table when it is the run's) while sending telemetry, then exit. One run per
process keeps every run's state (random generator, DataLoader workers, memory) fresh, and a process that dies
takes only its own run with it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import time

from . import protocol

PARENT_CHECK_INTERVAL_S = 0.5
READ_NICENESS = 10  # reading a table for the window's summary is background work


def child_main(conn, stop_event) -> None:
    # We were spawned, and spawn passes its method on as our default; but "platform default" for DataLoader
    # workers must mean what it means in the tutorial's own script (fork on Linux), so forget the inherited one.
    multiprocessing.set_start_method(None, force=True)
    _own_session()
    _own_temp_dir()
    _watch_parent(os.getppid())
    warm = False
    kept = None  # the table the window asked us to read (runner.table_keeper), for our run
    try:
        while True:
            kind, payload = conn.recv()
            if kind == protocol.WARM:  # a spare: get torch ready now, then wait for the run
                if not warm:
                    conn.send((protocol.READY, _warm_up()))
                    warm = True
            elif kind == protocol.READ:
                from . import table_keeper

                kept = None  # the last table's memory is free before the next one is read
                kept, reply = _read_politely(table_keeper.read, payload)
                conn.send((protocol.TABLE, reply))
            elif kind == protocol.RUN:
                break
            else:
                return
        if not warm:  # handed a run cold: warm up on the way, the window still learns our versions
            conn.send((protocol.READY, _warm_up()))
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the window went away before handing us a run
    _run(conn, stop_event, payload, kept)
    # Everything is sent and the loader's workers are shut down. Skip the interpreter's own shutdown: with torch
    # loaded it takes over a second here, and the window waits for this process to end before the next Start.
    _kill_own_children()
    os._exit(0)


def _run(conn, stop_event, config_values: dict, kept=None) -> None:
    from ..core.config import ConfigError, TrainConfig
    from ..core.data import DataError, ReadOptions
    from ..core.engine import train
    from ..core.events import RunFailed
    from .table_keeper import table_for_run

    listener = protocol.PipeListener(conn.send)
    try:
        config = TrainConfig.from_dict(config_values)
        # The arrays read for the window's summary, unless the run is about another file or it changed since.
        table = table_for_run(kept, config.data_path, ReadOptions.of(config))
        train(config, [listener], should_stop=stop_event.is_set, table=table)
    except ConfigError as exc:
        _send_quietly(conn, (protocol.FAILED, RunFailed("config", f"{exc.knob}: {exc.message}")))
    except DataError as exc:
        _send_quietly(conn, (protocol.FAILED, RunFailed("data", str(exc))))
    except (BrokenPipeError, EOFError):
        pass  # the window is gone: nobody to tell
    except Exception:  # noqa: BLE001 - the engine has already sent a readable RunFailed to the listener
        pass
    finally:
        _close_quietly(conn)


def _read_politely(read, request):
    """``read(request)`` on a thread of lower priority where the OS has per-thread priorities (Linux): on a busy
    machine the window's thread then gets the CPU first while a big table is parsed. Our run keeps normal priority."""
    if not sys.platform.startswith("linux"):
        return read(request)
    result = []

    def read_niced() -> None:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), READ_NICENESS)
        result.append(read(request))

    reader = threading.Thread(target=read_niced, name="table-reader")
    reader.start()
    reader.join()
    if not result:  # the thread died of something unexpected: read here, to report it the usual way
        return read(request)
    return result[0]


def _warm_up() -> dict:
    """Import torch and run a tiny loader/forward/backward/step so the first real batch pays no first-call costs.

    The optimiser's first construction alone imports torch._dynamo (~1.5 s here). The warm-up builds no module
    and draws no random numbers (no shuffle, zero weights), so a seeded run that follows is unaffected.
    """
    import platform

    import torch
    from torch.utils.data import DataLoader, TensorDataset

    from ..core import engine  # noqa: F401 - imports the loop's modules now, not after Start

    weights = torch.zeros(8, 1, requires_grad=True)
    optimizer = torch.optim.SGD([weights], lr=0.01)
    loader = DataLoader(TensorDataset(torch.zeros(4, 8), torch.zeros(4, 1)), batch_size=2, shuffle=False)
    for x, y in loader:
        loss = torch.nn.functional.binary_cross_entropy(torch.sigmoid(x @ weights), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return {
        "pid": os.getpid(),
        "python": platform.python_version(),
        "torch": str(torch.__version__),  # a plain str: torch's own version type would import torch on unpickling
        "cpu_count": os.cpu_count() or 1,
        "cuda": torch.cuda.is_available(),
        "mps": bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()),
    }


def _own_temp_dir() -> None:
    """Use a multiprocessing temp folder of our own, not the parent's.

    multiprocessing copies its parent's temp folder name into every child it starts; a CLI that started the sweep's
    fork server has one, and removes it when it exits. Our DataLoader workers make their sockets for sending batches
    in that folder: sharing the CLI's, a worker still sending when the CLI ended (a Ctrl+C) printed a traceback.
    Ours is created on first use and removed when this process ends, after its workers.
    """
    import multiprocessing

    multiprocessing.current_process()._config.pop("tempdir", None)


def _own_session() -> None:
    """Leave the window's process group: a terminal's Ctrl+C goes to the window, which stops us cleanly.

    The parent spawned us with SIGINT blocked (runner.process), so none could arrive before this; our DataLoader
    workers inherit the session and the ignored SIGINT. The window's stop and its kill still reach us.
    """
    import signal

    if hasattr(os, "setsid"):
        with contextlib.suppress(OSError):
            os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _watch_parent(parent_pid: int) -> None:
    """Exit when the window's process dies, so a crashed or killed window never leaves an orphan training."""

    import psutil

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_INTERVAL_S)
            # getppid() changes on POSIX when the parent dies; pid_exists covers Windows, which never reparents.
            if os.getppid() != parent_pid or not psutil.pid_exists(parent_pid):
                _kill_own_children()
                os._exit(3)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _kill_own_children() -> None:
    try:
        import psutil

        for child in psutil.Process().children(recursive=True):
            child.kill()
    except Exception:  # noqa: BLE001 - best effort on the way out
        pass


def _send_quietly(conn, message) -> None:
    with contextlib.suppress(BrokenPipeError, EOFError, OSError):
        conn.send(message)


def _close_quietly(conn) -> None:
    with contextlib.suppress(OSError):
        conn.close()
