#!/usr/bin/env python3
"""Whole-process benchmarks of the crosscheck engine, printed as a Markdown table.

Each measure runs `crosscheck check --rules DIR --sources DIR -j N --no-cache -q`
as a subprocess: wall time by time.perf_counter, peak RSS of that one process by
os.wait4. Every measure runs --runs times after the files were read once (warm
page cache); the table gives the median, the JSON file every run.

| measure                                                        | want                 |
|----------------------------------------------------------------|----------------------|
| -j1, bundled rules, 100 MB, against `rg -j1 -c -f p200.pat`      | rg time / ours ≥ 0.3 |
| -j2 against -j1, 100 MB                                        | speed-up ≥ 1.7×      |
| peak RSS at 100 MB / at 1 GB (--big)                           | < 300 MB / < 1 GB    |
| time 10 MB → 100 MB                                            | ≈ 10× (linear)       |
| 20,000 small sources stating one fact                          | < 15 s               |
| 200 generated rules against 10, on the 10 MB corpus            | ≤ 3×                 |
| one 2 MB source holding a one-line Markdown table of facts     | < 20 s and < 1 GB    |
| stdout of -j1 and -j2 byte-identical (every corpus size)       | identical            |

Inputs come from the shared generator (SHARED/bench/gen_corpus.py, see
SHARED/PERF.md) and are cached in the work dir, regenerated only when missing.
The generated rule sets (one `[[rule]]` per line of PREFIX.tsv, the keyword
kept and the value regex replaced by the matching slot) are written to
WORK/rules-N/bench.toml and must load (`crosscheck rules list`).

Run from the repository root:
    python3 benches/engine.py                  # cargo build --release, then 10M and 100M, 3 runs
    python3 benches/engine.py --big            # also 1 GB (peak RSS at 1 GB); takes a while
    python3 benches/engine.py --smoke          # CI: tiny inputs, 1 run; checks exit codes and
                                               # -j1/-j2 identity only, needs no rg
Options:
    --bin PATH       binary (default target/release/crosscheck)
    --no-build       do not run `cargo build --release` first
    --shared DIR     shared folder with bench/gen_corpus.py and seeds/ (default ../shared;
                     without it, benches/gen_corpus.py and the repo's seeds/)
    --work DIR       where generated inputs are cached (default target/bench)
    --sizes LIST     corpus sizes (default 10M,100M); the first is the "small" one,
                     the largest below 1G the "main" one
    --big            add 1G to the sizes
    --runs N         runs per measure (default 3, smoke 1); median, min and max are shown
    --rules-counts FEW,MANY   generated rule-set sizes (default 10,200; smoke 10,50)
    --many N         small sources for the comparer (default 20000; smoke 500)
    --table SIZE     size of the one-line Markdown table (default 2M; smoke 100K)
    --timeout S      kill a command after S seconds; counts as a failure (default 900)
    --json FILE      also write the raw numbers
    --strict         exit 1 when a measured figure misses its want
Exit status: 0 ok; 1 a command failed (exit code other than 0 or 1, or timeout),
-j1 and -j2 outputs differ, or (--strict) a want is missed; 2 bad usage.
Nothing beyond the Python 3.11 standard library; ripgrep (`rg`) is optional.
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MB = 2**20
OK_CODES = (0, 1)  # 1 = contradictions found, a success for a benchmark


class BenchError(Exception):
    """A command exited with an error code, died or timed out."""


def parse_size(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]?)B?", s.strip().upper())
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {s!r} (e.g. 10M, 1G)")
    return int(float(m.group(1)) * {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}[m.group(2)])


def tree_bytes(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def warm(path):
    """Reads every file once so that timed runs start from a warm page cache."""
    for f in sorted(Path(path).rglob("*")):
        if f.is_file():
            with open(f, "rb") as fh:
                while fh.read(1 << 20):
                    pass


def run_once(cmd, timeout):
    """Runs cmd; returns (wall seconds, peak RSS in MB, exit code, stdout bytes)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        state = {"done": False, "killed": False}

        def kill():
            if not state["done"]:
                state["killed"] = True
                try:
                    os.kill(proc.pid, signal.SIGKILL)
                except ProcessLookupError:  # exited meanwhile
                    pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child only
        wall, state["done"] = time.perf_counter() - start, True
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read().decode("utf-8", "replace")
    if state["killed"]:
        raise BenchError(f"timed out after {timeout} s: {' '.join(map(str, cmd))}")
    if proc.returncode not in OK_CODES:
        tail = "\n".join(stderr.splitlines()[-20:])
        raise BenchError(f"exit {proc.returncode}: {' '.join(map(str, cmd))}\n{tail}")
    return wall, usage.ru_maxrss / 1024, proc.returncode, stdout


def fmt_s(t):
    return f"{t:.2f} s" if t >= 0.1 else f"{t * 1000:.0f} ms"


class Bench:
    def __init__(self, a):
        self.a = a
        self.raw = {}  # measure name -> raw numbers, for --json
        self.rows = []  # (measure, want, measured, ok)
        self.failures = []
        self.work = a.work
        # The shared generator when the shared folder is there; else the
        # copy kept in the repo (and the repo's seeds), so a clean checkout
        # anywhere can run the smoke benchmark.
        shared_gen = a.shared / "bench" / "gen_corpus.py"
        self.gen = shared_gen if shared_gen.exists() else REPO / "benches" / "gen_corpus.py"
        self.seeds = a.shared / "seeds" if shared_gen.exists() else REPO / "seeds"

    # ---- running ---------------------------------------------------------

    def measure(self, name, cmd, warm_path=None):
        """Runs cmd --runs times; returns a dict with median/min/max time, peak RSS and stdout."""
        if warm_path:
            warm(warm_path)
        times, rss, codes, outputs = [], [], [], set()
        for i in range(self.a.runs):
            wall, peak, code, stdout = run_once(cmd, self.a.timeout)
            times.append(wall)
            rss.append(peak)
            codes.append(code)
            outputs.add(stdout)
            print(f"  {name} [{i + 1}/{self.a.runs}]: {fmt_s(wall)}, {peak:.0f} MB, exit {code}", file=sys.stderr)
        r = {"cmd": [str(c) for c in cmd], "times_s": times, "rss_mb": rss, "exit": codes,
             "median": statistics.median(times), "min": min(times), "max": max(times),
             "peak_mb": max(rss), "stdout": stdout, "stable": len(outputs) == 1}
        self.raw[name] = {k: v for k, v in r.items() if k != "stdout"}
        return r

    def check(self, rules, sources, threads):
        return [self.a.bin, "check", "--rules", rules, "--sources", sources,
                "-j", str(threads), "--no-cache", "-q"]

    def row(self, measure, want, measured, ok):
        """ok: True/False against the want, None when not measured."""
        if self.a.smoke and ok is not None and not measured.startswith("error"):
            ok = "ran"  # smoke inputs are too small to judge the wants
        self.rows.append((measure, want, measured, ok))

    def guarded(self, label, want, fn):
        """Runs one measure; a failing command becomes an `error` row and a failure."""
        try:
            fn()
        except BenchError as e:
            self.fail(label, e)
            self.row(label, want, "error", False)

    def fail(self, label, err):
        print(f"FAILED {label}: {err}", file=sys.stderr)
        self.failures.append(f"{label}: {err}")

    # ---- inputs ----------------------------------------------------------

    def cached(self, out, gen_args):
        """Runs the generator unless OUT is complete (OUT.done marks a finished run)."""
        done = out.with_name(out.name + ".done")
        if not done.exists():
            print(f"generating {out} ...", file=sys.stderr)
            if out.is_dir():
                shutil.rmtree(out)
            subprocess.run([sys.executable, self.gen, *map(str, gen_args)], check=True,
                           stdout=subprocess.DEVNULL)
            done.touch()
        return out

    def corpus(self, size):
        return self.cached(self.work / f"corpus-{size}", [self.seeds, self.work / f"corpus-{size}",
                                                          "--size", size, "--seed", "1"])

    def rule_set(self, prefix, n):
        """Writes WORK/rules-N/bench.toml from the first n lines of PREFIX.tsv and checks it loads."""
        out = self.work / f"rules-{n}"
        out.mkdir(parents=True, exist_ok=True)
        lines = prefix.with_suffix(".tsv").read_text(encoding="utf-8").splitlines()[:n]
        parts = []
        for i, line in enumerate(lines, 1):
            keyword, regex = line.split("\t", 1)
            kind = kind_of(regex)
            pattern = f"(?:{rust_escape(keyword)})[^.\\n]{{0,60}}?{{{kind}}}"
            parts.append("\n".join([
                "[[rule]]",
                f'id = "bench.r{i:03d}"',
                f"title = {toml_str(f'bench rule {i}: {keyword} ({kind})')}",
                f'kind = "{kind}"',
                f"patterns = [{toml_str(pattern)}]", ""]))
        (out / "bench.toml").write_text(f"# Generated by benches/engine.py from {prefix.name}.tsv\n\n"
                                        + "\n".join(parts), encoding="utf-8")
        run_once([self.a.bin, "rules", "list", "--rules", out], self.a.timeout)
        return out

    def table_source(self, size):
        """One file, one line: a Markdown table of trade facts of about `size` bytes."""
        out = self.work / f"table-{size}"
        path = out / "table.md"
        if not path.exists():
            out.mkdir(parents=True, exist_ok=True)
            rng = random.Random(1)
            sources = ["Israel's statistics", "Kazakhstan's statistics", "Israel's Central Bureau of Statistics",
                       "Kazakhstan's Bureau of National Statistics", "الإحصاءات الإسرائيلية", "هيئة الإحصاء الوطنية في كازاخستان"]
            facts = ["trade between Israel and Kazakhstan", "exports to Israel", "imports from Kazakhstan",
                     "حجم التبادل التجاري بين البلدين"]
            cells = ["| year | source | fact | value |", "|---|---|---|---|"]
            target, total = parse_size(size), 0
            while total < target:
                n = rng.randint(20, 950)
                value = rng.choice([f"${n} million", f"{n} مليون دولار", f"${n / 100:.2f} billion"])
                cells.append(f"| {rng.randint(1995, 2025)} | {rng.choice(sources)} | {rng.choice(facts)} | {value} |")
                total += len(cells[-1].encode()) + 1
            path.write_text(" ".join(cells) + "\n", encoding="utf-8")
        return out

    # ---- measures --------------------------------------------------------

    def run(self):
        a = self.a
        self.work.mkdir(parents=True, exist_ok=True)
        few, many_rules = a.rules_counts
        by_bytes = sorted(a.sizes, key=parse_size)
        below = [s for s in by_bytes if parse_size(s) < 2**30]
        main = below[-1] if below else by_bytes[0]
        small = by_bytes[0] if by_bytes[0] != main else None
        big = by_bytes[-1] if parse_size(by_bytes[-1]) >= 2**30 else None
        self.sizes = {"small": small, "main": main, "big": big}

        prefix = self.work / f"p{many_rules}"
        if not prefix.with_suffix(".tsv").exists() or not prefix.with_suffix(".pat").exists():
            subprocess.run([sys.executable, self.gen, "--rules", str(many_rules), prefix], check=True,
                           stdout=subprocess.DEVNULL)
        rules = {}
        for n in (few, many_rules):
            try:
                rules[n] = self.rule_set(prefix, n)
            except BenchError as e:
                self.fail(f"rule set of {n} does not load", e)

        # -j1 and -j2 on every corpus size, with the bundled rules.
        corpus, threads, sizes_bytes = {}, {}, {}
        for size in by_bytes:
            corpus[size] = self.corpus(size)
            sizes_bytes[size] = tree_bytes(corpus[size])
            for j in (1, 2):
                try:
                    threads[size, j] = self.measure(f"check -j{j} {size}", self.check("rules", corpus[size], j),
                                                    corpus[size] if j == 1 else None)
                except BenchError as e:
                    self.fail(f"check -j{j} {size}", e)

        def t(size, j):  # the measure of `check -jJ` on corpus SIZE, or None
            return threads.get((size, j))

        # ripgrep reference on the main corpus.
        rg = shutil.which("rg")
        label = f"-j1, bundled rules, {main}: rg -j1 -c -f p{many_rules}.pat time / crosscheck time"
        want = "≥ 0.3"
        if not rg:
            print("rg not found: `apt-get install -y ripgrep` installs it", file=sys.stderr)
            self.row(label, want, "not measured (no rg)", None)
        elif t(main, 1):
            def rg_row():
                r = self.measure(f"rg -j1 {main}", [rg, "-j1", "-c", "-f", prefix.with_suffix(".pat"), corpus[main]])
                ours = t(main, 1)["median"]
                ratio = r["median"] / ours
                mbs = sizes_bytes[main] / MB / ours
                self.row(label, want, f"{ratio:.2f} (crosscheck {fmt_s(ours)} = {mbs:.0f} MB/s; rg {fmt_s(r['median'])})",
                         ratio >= 0.3)
            self.guarded(label, want, rg_row)
        else:
            self.row(label, want, "error", False)

        label = f"-j2 vs -j1, {main}"
        if t(main, 1) and t(main, 2):
            up = t(main, 1)["median"] / t(main, 2)["median"]
            self.row(label, "≥ 1.7×", f"{up:.2f}× ({fmt_s(t(main, 2)['median'])} vs {fmt_s(t(main, 1)['median'])})", up >= 1.7)
        else:
            self.row(label, "≥ 1.7×", "error", False)

        for size, limit, text in ((main, 300, "< 300 MB"), (big, 1024, "< 1 GB")):
            label = f"peak RSS, {size or '1G'}"
            runs = [t(size, j) for j in (1, 2) if size and t(size, j)]
            if not size:
                self.row(label, text, "not measured (--big)", None)
            elif not runs:
                self.row(label, text, "error", False)
            else:
                peak = max(r["peak_mb"] for r in runs)
                self.row(label, text, f"{peak:.0f} MB", peak < limit)

        if small and t(small, 1) and t(main, 1):
            ratio = t(main, 1)["median"] / t(small, 1)["median"]
            want_ratio = sizes_bytes[main] / sizes_bytes[small]
            self.row(f"time {small} → {main} (-j1)", f"≈ {want_ratio:.1f}× (linear)",
                     f"{ratio:.1f}× ({fmt_s(t(small, 1)['median'])} → {fmt_s(t(main, 1)['median'])})",
                     ratio <= 1.25 * want_ratio)
        else:
            self.row("time small → main corpus", "≈ 10× (linear)", "error" if small else "not measured", small and False)

        label, want = f"{a.many} small sources stating one fact (-j1)", "< 15 s"

        def many_row():
            src = self.cached(self.work / f"many-{a.many}", ["--many", a.many, self.work / f"many-{a.many}"])
            r = self.measure(f"many {a.many}", self.check("rules", src, 1), src)
            self.row(label, want, f"{fmt_s(r['median'])}, {r['peak_mb']:.0f} MB", r["median"] < 15)
        self.guarded(label, want, many_row)

        scale_on = small or main
        label, want = f"{few} → {many_rules} generated rules, {scale_on} (-j1)", "≤ 3×"
        if few in rules and many_rules in rules:
            def rules_row():
                r1 = self.measure(f"rules {few} {scale_on}", self.check(rules[few], corpus[scale_on], 1), corpus[scale_on])
                r2 = self.measure(f"rules {many_rules} {scale_on}", self.check(rules[many_rules], corpus[scale_on], 1))
                ratio = r2["median"] / r1["median"]
                self.row(label, want, f"{ratio:.2f}× ({fmt_s(r1['median'])} → {fmt_s(r2['median'])})", ratio <= 3)
            self.guarded(label, want, rules_row)
        else:
            self.row(label, want, "error (rule set does not load)", False)

        label, want = f"one-line Markdown table, {a.table} (one source, -j1)", "< 20 s and < 1 GB"

        def table_row():
            src = self.table_source(a.table)
            r = self.measure(f"table {a.table}", self.check("rules", src, 1), src)
            self.row(label, want, f"{fmt_s(r['median'])}, {r['peak_mb']:.0f} MB", r["median"] < 20 and r["peak_mb"] < 1024)
        self.guarded(label, want, table_row)

        pairs = [s for s in by_bytes if t(s, 1) and t(s, 2)]
        differ = [s for s in pairs if t(s, 1)["stdout"] != t(s, 2)["stdout"]]
        unstable = [n for n, r in self.raw.items() if not r["stable"]]
        label = f"-j1 and -j2 stdout byte-identical ({', '.join(pairs) or 'none'})"
        if differ:
            self.failures.append(f"-j1 and -j2 outputs differ on {', '.join(differ)}")
            self.rows.append((label, "identical", f"differ on {', '.join(differ)}", False))
        elif pairs:
            note = f"; output varies between runs of {', '.join(unstable)}" if unstable else ""
            self.rows.append((label, "identical", "identical" + note, not unstable))
        else:
            self.rows.append((label, "identical", "error", False))
        if unstable:
            self.failures.append(f"output varies between runs of {', '.join(unstable)}")

    # ---- output ----------------------------------------------------------

    def report(self):
        out = ["| measure | want | measured | ok |", "|---|---|---|---|"]
        marks = {True: "yes", False: "**no**", None: "–", "ran": "ran"}
        for measure, want, measured, ok in self.rows:
            out.append(f"| {measure} | {want} | {measured} | {marks[ok]} |")
        print("\n".join(out))
        facts = machine_facts(self.a.bin)
        runs = "1 run" if self.a.runs == 1 else f"median of {self.a.runs} runs"
        print(f"\nMachine: {facts['nproc']} CPUs, {facts['cpu']}; {facts['crosscheck']}; {facts['rg']}; "
              f"{runs}, warm page cache" + ("; smoke: only exit codes and -j1/-j2 identity are judged" if self.a.smoke else ""))
        ranges = [f"{n}: {fmt_s(r['min'])}–{fmt_s(r['max'])}" for n, r in self.raw.items() if self.a.runs > 1]
        if ranges:
            print("Min–max: " + "; ".join(ranges))
        if self.a.json:
            self.a.json.write_text(json.dumps({"machine": facts, "sizes": self.sizes, "measures": self.raw,
                                               "rows": [dict(zip(("measure", "want", "measured", "ok"), r)) for r in self.rows],
                                               "failures": self.failures}, ensure_ascii=False, indent=2) + "\n")
        for f in self.failures:
            print(f"\nFAILURE: {f}", file=sys.stderr)
        missed = [r for r in self.rows if r[3] is False]
        return 1 if self.failures or (self.a.strict and missed) else 0


def kind_of(regex):
    """money/percent/date/count from what the value part of a generated regex reads."""
    value = regex.partition("{0,60}?")[2] or regex
    if "January" in value or "يناير" in value:
        return "date"
    if "%" in value or "percent" in value:
        return "percent"
    if "million" in value or "مليون" in value:
        return "money"
    return "count"


def rust_escape(s):
    """Escapes the meta characters of Rust's regex syntax (regex_syntax::escape)."""
    return "".join("\\" + c if c in "\\.+*?()|[]{}^$#&-~" else c for c in s)


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def machine_facts(binary):
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return f"{cmd[0]}: no version"
    rg = shutil.which("rg")
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": cpu, "crosscheck": version([str(binary), "--version"]),
            "rg": version([rg, "--version"]) if rg else "no rg"}


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                 usage="python3 benches/engine.py [--smoke] [--big] [options]")
    ap.add_argument("--bin", type=Path, default=Path("target/release/crosscheck"))
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--work", type=Path, default=Path("target/bench"))
    ap.add_argument("--sizes")
    ap.add_argument("--big", action="store_true")
    ap.add_argument("--runs", type=int)
    ap.add_argument("--rules-counts")
    ap.add_argument("--many", type=int)
    ap.add_argument("--table")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--smoke", action="store_true")
    a = ap.parse_args(argv)
    smoke = a.smoke
    a.sizes = [s.strip().upper() for s in (a.sizes or ("512K,2M" if smoke else "10M,100M")).split(",") if s.strip()]
    if a.big and "1G" not in a.sizes:
        a.sizes.append("1G")
    a.runs = a.runs or (1 if smoke else 3)
    a.rules_counts = [int(n) for n in (a.rules_counts or ("10,50" if smoke else "10,200")).split(",")]
    a.many = a.many or (500 if smoke else 20000)
    a.table = (a.table or ("100K" if smoke else "2M")).upper()
    try:
        [parse_size(s) for s in a.sizes + [a.table]]
    except argparse.ArgumentTypeError as e:
        ap.error(str(e))
    if len(a.rules_counts) != 2 or a.runs < 1 or len(set(a.sizes)) != len(a.sizes):
        ap.error("--rules-counts takes FEW,MANY; --runs at least 1; --sizes without repeats")
    # Paths are taken relative to where the harness is started, then it works from the repo root.
    for name in ("bin", "shared", "work", "json"):
        if getattr(a, name) is not None:
            setattr(a, name, getattr(a, name).resolve())
    return a


def main():
    a = parse_args()
    os.chdir(REPO)
    if not (a.shared / "bench" / "gen_corpus.py").exists() and not (REPO / "benches" / "gen_corpus.py").exists():
        sys.exit(f"error: no bench/gen_corpus.py under {a.shared} nor benches/ (set --shared DIR)")
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release"], check=True)
    if not a.bin.exists():
        sys.exit(f"error: no binary at {a.bin} (build it or set --bin PATH)")
    bench = Bench(a)
    bench.run()
    sys.exit(bench.report())


if __name__ == "__main__":
    main()
