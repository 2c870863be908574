"""The one renderer of advice: an item's numbers and recommendation become a sentence, English or translated.

``translate`` is QCoreApplication.translate in the window and the identity on the command line; this module imports
no Qt. tools/update_translations.py extracts the literals below like the window's own strings. Suggestions are
worded only from ``recommend``: a knob value that was dropped (already set, or another item suggests a different
one) is never mentioned.
"""

from __future__ import annotations

from collections.abc import Callable

from .items import Advice, format_bytes, format_seconds

Translate = Callable[..., str]


def _english(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return text


def render(item: Advice, translate: Translate | None = None) -> str:
    """The item's text; an unknown kind or missing numbers give a neutral line naming the kind, never a crash."""
    translate = translate or _english
    renderer = _RENDERERS.get(item.kind)
    try:
        if renderer is None:
            raise KeyError(item.kind)
        return renderer(item.numbers, item.recommend, translate)
    except (KeyError, TypeError, ValueError):
        return translate("Advice", "Advice of kind {kind} (its numbers: {numbers}).").format(
            kind=item.kind, numbers=", ".join(f"{k} = {v}" for k, v in item.numbers.items()))


def _pct(share) -> str:
    return f"{float(share) * 100:.0f}%"


def _s(seconds) -> str:
    return format_seconds(float(seconds))


def _join(translate: Translate, *sentences: str) -> str:
    """Sentences in a row: English puts a space between them, Chinese does not."""
    text = ""
    for sentence in sentences:
        text = sentence if not text else translate("Advice", "{first} {second}", "two sentences in a row").format(
            first=text, second=sentence)
    return text


def _part(name: str, translate: Translate) -> str:
    names = {"startup": translate("Advice", "starting the workers"),
             "wait": translate("Advice", "waiting for data"),
             "compute": translate("Advice", "computing"),
             "other": translate("Advice", "the loop's own bookkeeping"),
             "steady": translate("Advice", "the per-batch trip through the process boundary"),
             "first": translate("Advice", "the epochs' first batches")}
    return names[name]


def _loader_bound(n: dict, rec: dict, translate: Translate) -> str:
    head = translate(
        "Advice", "Waiting for data took {share} of the loop ({wait} of {loop}, not counting each epoch's first "
                  "batch) with num_workers = {workers} on {cores} logical cores.").format(
        share=_pct(n["wait_share"]), wait=_s(n["wait_s"]), loop=_s(n["loop_s"]), workers=n["num_workers"],
        cores=n["logical_cores"])
    io = n["loading"] == "io"
    if io:
        why = translate("Advice", "Loading here waits rather than computes, so workers overlap their waits even "
                                  "beyond the core count.")
    elif "num_workers" in rec:
        why = translate("Advice", "Loading here is CPU work, which workers only speed up until the {cores} cores "
                                  "are busy.").format(cores=n["logical_cores"])
    else:
        why = translate("Advice", "Loading here is CPU work and num_workers already reaches the {cores} cores, so "
                                  "more workers would only compete for them: make each sample cheaper to load "
                                  "instead.").format(cores=n["logical_cores"])
    sentences = [head, why]
    if "num_workers" in rec:
        sentences.append(translate("Advice", "Try num_workers = {suggested}.").format(suggested=rec["num_workers"]))
    return _join(translate, *sentences)


def _startup_bound(n: dict, rec: dict, translate: Translate) -> str:
    sentences = [translate(
        "Advice", "Starting the workers took {share} of the loop ({startup} of {loop}, about {per_epoch} per epoch "
                  "over {epochs} epochs).").format(
        share=_pct(n["startup_share"]), startup=_s(n["startup_s"]), loop=_s(n["loop_s"]),
        per_epoch=_s(n["per_epoch_startup_s"]), epochs=n["epochs"])]
    if rec.get("num_workers") == 0:
        sentences.append(translate(
            "Advice", "Use num_workers=0: this data is small and in memory, so the main process loads a batch "
                      "faster than a worker can start."))
    elif rec.get("persistent_workers") is True:
        sentences.append(translate(
            "Advice", "Set persistent_workers=True so the workers start once per run, not once per epoch."))
    if n["start_method"] in ("spawn", "forkserver"):
        sentences.append(translate(
            "Advice", "Start method {method} costs more than fork: every worker is a fresh Python that imports "
                      "torch and receives a copy of the dataset.").format(method=n["start_method"]))
    return _join(translate, *sentences)


def _cpu_saturated(n: dict, rec: dict, translate: Translate) -> str:
    if "best_workers" in n:  # from a sweep
        return translate(
            "Advice", "Beyond the {cores} logical cores more workers made it slower ({best} workers: {best_s}; "
                      "{beyond} workers: {beyond_s}): CPU-bound workers compete for the cores.").format(
            cores=n["logical_cores"], best=n["best_workers"], best_s=_s(n["best_s"]), beyond=n["beyond_workers"],
            beyond_s=_s(n["beyond_s"]))
    if float(n["sample_cpu_ms"]) > 0:
        text = translate(
            "Advice", "num_workers = {workers} is more than the {cores} logical cores while each sample costs {ms} "
                      "ms of CPU: the processes take turns on the cores and slow each other down.").format(
            workers=n["num_workers"], cores=n["logical_cores"], ms=f"{float(n['sample_cpu_ms']):g}")
    else:
        text = translate(
            "Advice", "num_workers = {workers} is more than the {cores} logical cores while the training step keeps "
                      "a core busy {share} of the loop: the processes take turns on the cores and slow each other "
                      "down.").format(workers=n["num_workers"], cores=n["logical_cores"],
                                      share=_pct(n["compute_share"]))
    if "num_workers" in rec:
        text = _join(translate, text, translate("Advice", "Use at most {cores}.").format(cores=rec["num_workers"]))
    return text


def _memory_risk(n: dict, rec: dict, translate: Translate) -> str:
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
    text = translate(
        "Advice", "{amount}, {fit} ({method}: {why}). Too many workers can exhaust memory (the notes hit a paging "
                  "file error at 3 workers).").format(amount=amount, fit=fit, method=n["start_method"], why=why)
    if "num_workers" in rec:
        text = _join(translate, text, translate(
            "Advice", "Use at most {workers} workers or close other programs.").format(workers=rec["num_workers"]))
    return text


def _periodic_stall(n: dict, rec: dict, translate: Translate) -> str:
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
    sentences.append(translate("Advice", "Together the stalls cost {total} ({share} of the loop).").format(
        total=_s(n["stall_total_s"]), share=_pct(n["stall_share"])))
    if "num_workers" in rec:
        sentences.append(translate(
            "Advice", "Raising num_workers to {suggested} gives the first worker time to finish its next "
                      "batch.").format(suggested=rec["num_workers"]))
    return _join(translate, *sentences)


def _loader_saturated(n: dict, rec: dict, translate: Translate) -> str:
    return translate(
        "Advice", "Waiting for data took only {share} of the loop ({wait} of {loop}) with no periodic stall: loading "
                  "keeps up with training, so more workers than {workers} won't help.").format(
        share=_pct(n["wait_share"]), wait=_s(n["wait_s"]), loop=_s(n["loop_s"]), workers=n["num_workers"])


def _zero_workers_best(n: dict, rec: dict, translate: Translate) -> str:
    if "next_best_s" in n:  # from a sweep: what the runner-up paid, split, and which part dominated
        return translate(
            "Advice", "0 workers was fastest ({seconds}); the next best, {workers} workers, took {next_best}: "
                      "{startup} more start-up and {steady} more steady state, so {dominant} is what the workers "
                      "cost here.").format(
            seconds=_s(n["fastest_s"]), workers=n["next_best_workers"], next_best=_s(n["next_best_s"]),
            startup=_s(max(0.0, n["extra_startup_s"])), steady=_s(max(0.0, n["extra_steady_s"])),
            dominant=_part(n["dominant"], translate))
    return translate(
        "Advice", "With num_workers = 0 the loop waited {mean} per batch ({share} of the loop, {wait} of {loop}): "
                  "the main process builds a batch faster than a worker process could hand one over (about "
                  "{handoff}), let alone start. Keep 0 on small in-memory data (the tutorial's finding).").format(
        mean=_s(n["mean_wait_s"]), share=_pct(n["wait_share"]), wait=_s(n["wait_s"]), loop=_s(n["loop_s"]),
        handoff=_s(n["handoff_s"]))


def _worker_overhead(n: dict, rec: dict, translate: Translate) -> str:
    text = translate(
        "Advice", "The data is small and in memory, yet with {workers} workers the loop still waited {mean} per "
                  "batch ({share} of the loop): handing a batch over from a worker process (pickling, a queue, "
                  "unpickling) costs more than building it in the main process.").format(
        workers=n["num_workers"], mean=_s(n["mean_wait_s"]), share=_pct(n["wait_share"]))
    if rec.get("num_workers") == 0:
        text = _join(translate, text, translate("Advice", "Try num_workers=0 (the tutorial's finding: 0 was "
                                                          "fastest)."))
    return text


def _io_bound_more_workers(n: dict, rec: dict, translate: Translate) -> str:
    if "fastest_workers" in n:  # from a sweep
        return translate(
            "Advice", "The fastest setting ({workers} workers) uses more workers than the {cores} logical cores: "
                      "loading waits rather than computes, so extra workers overlap their waits.").format(
            workers=n["fastest_workers"], cores=n["logical_cores"])
    text = translate(
        "Advice", "Loading waits rather than computes ({ms} ms per sample) and still took {share} of the loop with "
                  "{workers} workers on {cores} cores: for I/O-bound loading more workers than cores still "
                  "help.").format(ms=f"{float(n['sample_delay_ms']):g}", share=_pct(n["wait_share"]),
                                  workers=n["num_workers"], cores=n["logical_cores"])
    if "num_workers" in rec:
        text = _join(translate, text, translate("Advice", "Try num_workers = {suggested}.").format(
            suggested=rec["num_workers"]))
    return text


def _gpu_unused(n: dict, rec: dict, translate: Translate) -> str:
    return translate(
        "Advice", "pin_memory=True only speeds up copying batches to a GPU; this run trains on the CPU, so pinning is "
                  "extra work for no gain: turn pin_memory off.")


def _one_class(n: dict, rec: dict, translate: Translate) -> str:
    sentences = [translate(
        "Advice", "The final accuracy, {accuracy}, is the share of label {label} in the data: the network answers "
                  "{label} for every row and has learnt nothing from the features yet (final loss {loss}).").format(
        accuracy=_pct(n["accuracy"]), label=n["majority_label"],
        loss="–" if n.get("final_loss") is None else f"{float(n['final_loss']):.4f}")]
    if rec.get("standardize") is True:
        sentences.append(translate("Advice", "Standardize the features (mean 0, spread 1), so that no column's "
                                             "scale drowns the others."))
    if "lr" in rec and float(rec["lr"]) > float(n["lr"]):
        sentences.append(translate("Advice", "Raise the learning rate from {old} to {new}.").format(
            old=f"{float(n['lr']):g}", new=f"{float(rec['lr']):g}"))
    elif "lr" in rec and n.get("above_coin_flip"):
        sentences.append(translate("Advice", "Lower the learning rate from {old} to {new}: the last epoch's mean loss, "
                                             "{loss}, is worse than answering 0.5 for every row (0.6931), so the "
                                             "steps overshoot.").format(
            old=f"{float(n['lr']):g}", new=f"{float(rec['lr']):g}", loss=f"{float(n['last_mean_loss']):.4f}"))
    elif "lr" in rec:
        sentences.append(translate("Advice", "Lower the learning rate from {old} to {new}: the loss rose over the run, "
                                             "so the steps overshoot.").format(
            old=f"{float(n['lr']):g}", new=f"{float(rec['lr']):g}"))
    if "epochs" in rec:
        sentences.append(translate("Advice", "Train for more epochs: {new} instead of {old}.").format(
            old=n["epochs"], new=rec["epochs"]))
    return _join(translate, *sentences)


def _time_split(n: dict, rec: dict, translate: Translate) -> str:
    if not int(n["num_workers"]):  # no workers to start: the epochs' first batches are all that part holds
        return translate(
            "Advice", "Of the loop's {loop} ({iterations} iterations, num_workers = 0): {startup} for the epochs' "
                      "first batches ({startup_share}), {wait} waiting for data ({wait_share}), {compute} computing "
                      "({compute_share}). The largest part is {dominant} ({dominant_share}).").format(
            loop=_s(n["loop_s"]), iterations=n["iterations"], startup=_s(n["startup_s"]),
            startup_share=_pct(n["startup_share"]), wait=_s(n["wait_s"]), wait_share=_pct(n["wait_share"]),
            compute=_s(n["compute_s"]), compute_share=_pct(n["compute_share"]),
            dominant=_part("first" if n["dominant"] == "startup" else n["dominant"], translate),
            dominant_share=_pct(n["dominant_share"]))
    return translate(
        "Advice", "Of the loop's {loop} ({iterations} iterations, num_workers = {workers}): {startup} starting "
                  "workers ({startup_share}), {wait} waiting for data ({wait_share}), {compute} computing "
                  "({compute_share}). The largest part is {dominant} ({dominant_share}).").format(
        loop=_s(n["loop_s"]), iterations=n["iterations"], workers=n["num_workers"], startup=_s(n["startup_s"]),
        startup_share=_pct(n["startup_share"]), wait=_s(n["wait_s"]), wait_share=_pct(n["wait_share"]),
        compute=_s(n["compute_s"]), compute_share=_pct(n["compute_share"]),
        dominant=_part(n["dominant"], translate), dominant_share=_pct(n["dominant_share"]))


def _summary(n: dict, rec: dict, translate: Translate) -> str:
    if "settings" in n:  # from a sweep
        return translate("Advice", "There are no finished sweep settings to compare.")
    return translate("Advice", "No iterations were recorded, so there are no timings to explain.")


def _sweep_fastest(n: dict, rec: dict, translate: Translate) -> str:
    return translate(
        "Advice", "The fastest setting was num_workers = {fast} ({fast_s}); the slowest was {slow} ({slow_s}).").format(
        fast=n["fastest_workers"], fast_s=_s(n["fastest_s"]), slow=n["slowest_workers"], slow_s=_s(n["slowest_s"]))


def _workers_speedup(n: dict, rec: dict, translate: Translate) -> str:
    return translate(
        "Advice", "num_workers = {best} was {speedup}x faster than {reference} workers ({best_s} vs {reference_s}): "
                  "it saved {saved} of steady state and paid {startup} more start-up.").format(
        best=n["best_workers"], speedup=f"{float(n['speedup']):.1f}", reference=n["reference_workers"],
        best_s=_s(n["best_s"]), reference_s=_s(n["reference_s"]), saved=_s(max(0.0, n["saved_steady_s"])),
        startup=_s(max(0.0, n["extra_startup_s"])))


def _per_worker_cost(n: dict, rec: dict, translate: Translate) -> str:
    sentences = [translate(
        "Advice", "Time grew about linearly with the workers: +{seconds} per extra worker (R² = {r2} over "
                  "{low}–{high} workers), like the tutorial's \"+1 s per worker\".").format(
        seconds=_s(n["seconds_per_worker"]), r2=f"{float(n['r2']):.2f}", low=n["from_workers"],
        high=n["to_workers"])]
    if n.get("dominant") == "startup":
        sentences.append(translate(
            "Advice", "Start-up alone grew +{seconds} per worker: starting workers, not loading, is what each one "
                      "adds.").format(seconds=_s(n["startup_s_per_worker"])))
    elif n.get("dominant") == "steady":
        sentences.append(translate(
            "Advice", "Start-up grew only +{startup} per worker, the steady state +{steady}: the per-batch trip "
                      "through the process boundary, not start-up, is what each one adds.").format(
            startup=_s(max(0.0, n["startup_s_per_worker"])), steady=_s(max(0.0, n["steady_s_per_worker"]))))
    if rec.get("persistent_workers") is True:
        sentences.append(translate(
            "Advice", "Setting persistent_workers=True starts them once per run instead of once per epoch."))
    return _join(translate, *sentences)


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
    "predicts-one-class": _one_class,
    "time-split": _time_split,
    "summary": _summary,
    "sweep-fastest": _sweep_fastest,
    "workers-speedup": _workers_speedup,
    "per-worker-cost": _per_worker_cost,
}


def advice_dicts(advice: list[Advice], translate: Translate | None = None) -> list[dict]:
    """The items as a run record stores them and ``--json`` prints them: kind, severity, numbers, recommend, text."""
    return [item.to_dict(render(item, translate)) for item in advice]
