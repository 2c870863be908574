"""Advice in the user's language: core.insight writes English with numbers; the window re-words each kind.

Each advice kind has translatable templates filled from ``Advice.numbers``. In English the core's own message is
shown as it is (the templates say the same); an unknown kind, or numbers a template needs but lacks, also falls
back to the English message rather than showing something half-filled.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.durations import format_seconds
from ..core.insight import IO_WORKERS_PER_CORE, Advice, format_bytes
from .i18n import SOURCE_LANGUAGE, installed_language

translate = QCoreApplication.translate


def advice_text(advice: Advice) -> str:
    """The advice's message in the installed language."""
    if installed_language() == SOURCE_LANGUAGE:
        return advice.message
    render = _RENDERERS.get(advice.kind)
    if render is None:
        return advice.message
    try:
        return render(advice.numbers, advice.message)
    except (KeyError, TypeError, ValueError):
        return advice.message


def _pct(share) -> str:
    return f"{float(share) * 100:.0f}%"


def _s(seconds) -> str:
    return format_seconds(float(seconds))


def _join(*sentences: str) -> str:
    """Sentences in a row: English puts a space between them, Chinese does not."""
    text = ""
    for sentence in sentences:
        text = sentence if not text else translate("Advice", "{first} {second}", "two sentences in a row").format(
            first=text, second=sentence)
    return text


def _mentions(message: str, marker: str, numbers: dict, key: str) -> bool:
    """Whether the core added an optional remark: from ``numbers[key]`` when the core reports it, else the text."""
    return bool(numbers[key]) if key in numbers else marker in message


def _loader_bound(n: dict, _message: str) -> str:
    values = dict(share=_pct(n["wait_share"]), wait=_s(n["wait_s"]), loop=_s(n["loop_s"]),
                  workers=n["num_workers"], cores=n["logical_cores"], suggested=n["suggested_workers"])
    if n["loading"] == "io":
        return translate(
            "Advice",
            "Waiting for data took {share} of the loop ({wait} of {loop}, not counting each epoch's first batch) "
            "with num_workers = {workers} on {cores} logical cores: raise num_workers. Loading here waits rather "
            "than computes, so workers overlap their waits even beyond the core count: try about {suggested} (the "
            "notes: I/O-bound loading keeps gaining up to {factor}x the cores, here {many}, and more).").format(
            factor=IO_WORKERS_PER_CORE, many=IO_WORKERS_PER_CORE * int(n["logical_cores"]), **values)
    if int(n["num_workers"]) < int(n["logical_cores"]):
        return translate(
            "Advice",
            "Waiting for data took {share} of the loop ({wait} of {loop}, not counting each epoch's first batch) "
            "with num_workers = {workers} on {cores} logical cores: raise num_workers. Loading here is CPU work, "
            "which workers only speed up until the cores are busy: try {suggested} (at most {cores}).").format(
            **values)
    return translate(
        "Advice",
        "Waiting for data took {share} of the loop ({wait} of {loop}, not counting each epoch's first batch) with "
        "num_workers = {workers} on {cores} logical cores. Loading here is CPU work and num_workers already reaches "
        "the {cores} cores, so more workers would only compete for them: make each sample cheaper to load "
        "instead.").format(**values)


def _startup_bound(n: dict, message: str) -> str:
    sentences = [translate(
        "Advice",
        "Starting the workers took {share} of the loop ({startup} of {loop}, about {per_epoch} per epoch over "
        "{epochs} epochs).").format(share=_pct(n["startup_share"]), startup=_s(n["startup_s"]), loop=_s(n["loop_s"]),
                                    per_epoch=_s(n["per_epoch_startup_s"]), epochs=n["epochs"])]
    persistent_remedy = not int(n["persistent_workers"])
    if persistent_remedy:
        sentences.append(translate(
            "Advice", "Set persistent_workers=True so the workers start once per run, not once per epoch."))
    if _mentions(message, "num_workers=0: this data is small", n, "in_memory"):
        if persistent_remedy:
            sentences.append(translate(
                "Advice", "Or use num_workers=0: this data is small and in memory, so the main process loads a "
                          "batch faster than a worker can start."))
        else:
            sentences.append(translate(
                "Advice", "Use num_workers=0: this data is small and in memory, so the main process loads a batch "
                          "faster than a worker can start."))
    if n["start_method"] in ("spawn", "forkserver"):
        sentences.append(translate(
            "Advice", "Start method {method} costs more than fork: every worker is a fresh Python that imports "
                      "torch and receives a copy of the dataset.").format(method=n["start_method"]))
    return _join(*sentences)


def _cpu_saturated(n: dict, _message: str) -> str:
    if "best_workers" in n:  # from a sweep
        return translate(
            "Advice",
            "Beyond the {cores} logical cores more workers made it slower ({best} workers: {best_s}; {beyond} "
            "workers: {beyond_s}): CPU-bound workers compete for the cores.").format(
            cores=n["logical_cores"], best=n["best_workers"], best_s=_s(n["best_s"]), beyond=n["beyond_workers"],
            beyond_s=_s(n["beyond_s"]))
    if float(n["sample_cpu_ms"]) > 0:
        return translate(
            "Advice",
            "num_workers = {workers} is more than the {cores} logical cores while each sample costs {ms} ms of CPU: "
            "the processes take turns on the cores and slow each other down. Use at most {cores}.").format(
            workers=n["num_workers"], cores=n["logical_cores"], ms=f"{float(n['sample_cpu_ms']):g}")
    return translate(
        "Advice",
        "num_workers = {workers} is more than the {cores} logical cores while the training step keeps a core busy "
        "{share} of the loop: the processes take turns on the cores and slow each other down. Use at most "
        "{cores}.").format(workers=n["num_workers"], cores=n["logical_cores"], share=_pct(n["compute_share"]))


def _memory_risk(n: dict, _message: str) -> str:
    if int(n["estimated"]):
        amount = translate("Advice", "{workers} workers need about {size}")
    else:
        amount = translate("Advice", "{workers} workers used {size}")
    amount = amount.format(workers=n["num_workers"], size=format_bytes(int(n["workers_bytes"])))
    if float(n["memory_share"]) >= 1:
        fit = translate("Advice", "more than is available")
    else:
        fit = translate("Advice", "{share} of the {available} available").format(
            share=_pct(n["memory_share"]), available=format_bytes(int(n["available_bytes"])))
    if n["start_method"] != "fork":
        why = translate("Advice", "each spawned worker starts a fresh Python with torch and its own copy of the data")
    else:
        why = translate("Advice", "each forked worker keeps its own share of memory")
    return translate(
        "Advice",
        "{amount}, {fit} ({method}: {why}): lower num_workers or close other programs. Too many workers can exhaust "
        "memory (the notes hit a paging file error at 3 workers).").format(
        amount=amount, fit=fit, method=n["start_method"], why=why)


def _periodic_stall(n: dict, _message: str) -> str:
    workers = int(n["num_workers"])
    sentences = [translate(
        "Advice", "Every {period} batches the loop waited {stall} for data (other batches: {other}; {count} "
                  "stalls).").format(period=n["period"], stall=_s(n["mean_stall_s"]), other=_s(n["mean_other_s"]),
                                     count=n["stalls"])]
    if workers and int(n["period"]) == workers:
        sentences.append(translate(
            "Advice", "That matches num_workers = {workers}: the main process came back to the first worker before "
                      "its next batch was ready.").format(workers=workers))
    elif workers:
        sentences.append(translate("Advice", "(num_workers is {workers}.)").format(workers=workers))
    sentences.append(translate(
        "Advice", "Together the stalls cost {total} ({share} of the loop): raising num_workers (now {workers}) gives "
                  "the first worker time to finish its next batch.").format(
        total=_s(n["stall_total_s"]), share=_pct(n["stall_share"]), workers=workers))
    return _join(*sentences)


def _loader_saturated(n: dict, _message: str) -> str:
    return translate(
        "Advice",
        "Waiting for data took only {share} of the loop ({wait} of {loop}) with no periodic stall: loading keeps up "
        "with training, so more workers than {workers} won't help.").format(
        share=_pct(n["wait_share"]), wait=_s(n["wait_s"]), loop=_s(n["loop_s"]), workers=n["num_workers"])


def _zero_workers_best(n: dict, _message: str) -> str:
    if "mean_wait_s" not in n and "next_best_s" in n:  # from a sweep
        return translate(
            "Advice", "0 workers was fastest ({seconds}, the next best {next_best}): every worker adds start-up cost "
                      "that small in-memory data never earns back (the tutorial's finding).").format(
            seconds=_s(n["fastest_s"]), next_best=_s(n["next_best_s"]))
    if "mean_wait_s" not in n:
        return translate(
            "Advice", "0 workers was fastest ({seconds}): every worker adds start-up cost that small in-memory data "
                      "never earns back (the tutorial's finding).").format(seconds=_s(n["fastest_s"]))
    return translate(
        "Advice",
        "With num_workers = 0 the loop waited {mean} per batch ({share} of the loop, {wait} of {loop}): the main "
        "process builds a batch faster than a worker process could hand one over (about {handoff}), let alone "
        "start. Keep 0 on small in-memory data (the tutorial's finding).").format(
        mean=_s(n["mean_wait_s"]), share=_pct(n["wait_share"]), wait=_s(n["wait_s"]), loop=_s(n["loop_s"]),
        handoff=_s(n["handoff_s"]))


def _worker_overhead(n: dict, _message: str) -> str:
    return translate(
        "Advice",
        "The data is small and in memory, yet with {workers} workers the loop still waited {mean} per batch ({share} "
        "of the loop): handing a batch over from a worker process (pickling, a queue, unpickling) costs more than "
        "building it in the main process. Try num_workers=0 (the tutorial's finding: 0 was fastest).").format(
        workers=n["num_workers"], mean=_s(n["mean_wait_s"]), share=_pct(n["wait_share"]))


def _io_bound_more_workers(n: dict, _message: str) -> str:
    if "fastest_workers" in n:  # from a sweep
        return translate(
            "Advice", "The fastest setting ({workers} workers) uses more workers than the {cores} logical cores: "
                      "loading waits rather than computes, so extra workers overlap their waits.").format(
            workers=n["fastest_workers"], cores=n["logical_cores"])
    return translate(
        "Advice",
        "Loading waits rather than computes ({ms} ms per sample) and still took {share} of the loop with {workers} "
        "workers on {cores} cores: for I/O-bound loading more workers than cores still help; try {suggested}.").format(
        ms=f"{float(n['sample_delay_ms']):g}", share=_pct(n["wait_share"]), workers=n["num_workers"],
        cores=n["logical_cores"], suggested=n["suggested_workers"])


def _gpu_unused(_n: dict, _message: str) -> str:
    return translate(
        "Advice", "pin_memory=True only speeds up copying batches to a GPU; this run trains on the CPU, so pinning is "
                  "extra work for no gain: turn pin_memory off.")


def _summary(n: dict, _message: str) -> str:
    if "settings" in n:  # from a sweep
        return translate("Advice", "There are no finished sweep settings to compare.")
    if "loop_s" not in n:
        return translate("Advice", "No iterations were recorded, so there are no timings to explain.")
    values = dict(loop=_s(n["loop_s"]), iterations=n["iterations"], wait=_pct(n["wait_share"]),
                  compute=_pct(n["compute_share"]), workers=n["num_workers"])
    if not int(n["num_workers"]):
        return translate(
            "Advice", "The loop took {loop} for {iterations} iterations with num_workers = {workers}: {wait} waiting "
                      "for data, {compute} computing.").format(**values)
    return translate(
        "Advice",
        "The loop took {loop} for {iterations} iterations: {wait} waiting for data, {compute} computing, {startup} "
        "starting workers (num_workers = {workers}).").format(startup=_s(n["startup_s"]), **values)


def _sweep_fastest(n: dict, _message: str) -> str:
    return translate(
        "Advice", "The fastest setting was num_workers = {fast} ({fast_s}); the slowest was {slow} ({slow_s}).").format(
        fast=n["fastest_workers"], fast_s=_s(n["fastest_s"]), slow=n["slowest_workers"], slow_s=_s(n["slowest_s"]))


def _workers_speedup(n: dict, _message: str) -> str:
    return translate(
        "Advice", "num_workers = {best} was {speedup}x faster than {reference} workers ({best_s} vs "
                  "{reference_s}).").format(
        best=n["best_workers"], speedup=f"{float(n['speedup']):.1f}", reference=n["reference_workers"],
        best_s=_s(n["best_s"]), reference_s=_s(n["reference_s"]))


def _per_worker_cost(n: dict, message: str) -> str:
    slope = float(n["seconds_per_worker"])
    sentences = [translate(
        "Advice", "Time grew about linearly with the workers: +{seconds} per extra worker (R² = {r2} over "
                  "{low}–{high} workers), like the tutorial's \"+1 s per worker\".").format(
        seconds=_s(slope), r2=f"{float(n['r2']):.2f}", low=n["from_workers"], high=n["to_workers"])]
    startup = n.get("startup_s_per_worker")
    if startup is not None and float(startup) >= 0.5 * slope:
        sentences.append(translate(
            "Advice", "Start-up alone grew +{seconds} per worker: starting workers, not loading, is what each one "
                      "adds.").format(seconds=_s(startup)))
    if _mentions(message, "persistent_workers=True", n, "not_persistent"):
        sentences.append(translate(
            "Advice", "Setting persistent_workers=True starts them once per run instead of once per epoch."))
    return _join(*sentences)


_RENDERERS = {
    "loader-bound": _loader_bound,
    "startup-bound": _startup_bound,
    "cpu-saturated": _cpu_saturated,
    "memory-risk": _memory_risk,
    "periodic-stall": _periodic_stall,
    "loader-saturated": _loader_saturated,
    "zero-workers-best": _zero_workers_best,
    "worker-overhead": _worker_overhead,
    "io-bound-more-workers": _io_bound_more_workers,
    "gpu-unused": _gpu_unused,
    "summary": _summary,
    "sweep-fastest": _sweep_fastest,
    "workers-speedup": _workers_speedup,
    "per-worker-cost": _per_worker_cost,
}
