#!/usr/bin/env python3
"""Test of the Spark example: sharded extract + compare equals a plain check.

    python3 examples/spark/test_spark.py      (from the repository root or anywhere)

Each case runs crosscheck_spark.py in local mode (local[2]) and asserts that its
stdout is byte-identical to `crosscheck check --rules RULES --sources SOURCES`
and that the exit codes match:

  seeds, 3 / 1 / 5 partitions     the bundled corpus, any sharding (exit 1)
  one source, 4 partitions        empty partitions, and a clean run (exit 0)
  broken manifest, 2 partitions   an input error (exit 2, empty stdout)
  shipped, 2 partitions           spark-submit --files crosscheck --archives
                                  rules.zip#rules,seeds.zip#seeds, from a folder
                                  where none of them exists: the cluster path;
                                  compared through --report FILE

The binary is $CROSSCHECK_BIN, else target/release/crosscheck. Spark's logs go
to a temporary folder's files and are shown only for a failing case. Prints
`N passed, M failed` last and exits 1 on any failure.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JOB = os.path.join(HERE, "crosscheck_spark.py")
BIN = os.path.abspath(os.environ.get("CROSSCHECK_BIN")
                      or os.path.join(ROOT, "target", "release", "crosscheck"))
RULES, SEEDS = os.path.join(ROOT, "rules"), os.path.join(ROOT, "seeds")

LOG4J = """rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""


def spark_env(tmp):
    """Environment for a quiet, loopback-only local Spark."""
    conf = os.path.join(tmp, "conf")
    os.makedirs(conf, exist_ok=True)
    with open(os.path.join(conf, "log4j2.properties"), "w") as f:
        f.write(LOG4J)
    with open(os.path.join(conf, "spark-defaults.conf"), "w") as f:
        f.write("spark.ui.enabled false\n"
                "spark.ui.showConsoleProgress false\n"
                f"spark.local.dir {os.path.join(tmp, 'local')}\n")
    env = dict(os.environ, SPARK_CONF_DIR=conf, SPARK_LOCAL_IP="127.0.0.1",
               SPARK_LOCAL_HOSTNAME="localhost", PYSPARK_PYTHON=sys.executable,
               PYSPARK_DRIVER_PYTHON=sys.executable, CROSSCHECK_SPARK_LOG="ERROR")
    env.pop("SPARK_HOME", None)  # the pip-installed pyspark finds its own
    return env


def check(sources):
    return subprocess.run([BIN, "check", "--rules", RULES, "--sources", sources],
                          cwd=ROOT, capture_output=True, stdin=subprocess.DEVNULL)


def zip_folder(folder, dest, with_folder):
    with zipfile.ZipFile(dest, "w") as z:
        for name in sorted(os.listdir(folder)):
            arc = os.path.join(os.path.basename(folder), name) if with_folder else name
            z.write(os.path.join(folder, name), arc)


def broken_corpus(dest):
    """Two seeds and a manifest with an input error: check exits 2."""
    os.makedirs(dest)
    names = sorted(f for f in os.listdir(SEEDS) if f.endswith(".txt"))[:2]
    for name in names:
        shutil.copy(os.path.join(SEEDS, name), dest)
    with open(os.path.join(dest, "sources.toml"), "w", encoding="utf-8") as f:
        f.write(f'[[source]]\nfile = "{names[0]}"\nid = 7\n')
    return dest


def one_source_corpus(dest):
    """seeds/003 alone, with its own manifest entry."""
    os.makedirs(dest)
    name = next(f for f in sorted(os.listdir(SEEDS)) if f.startswith("003_"))
    shutil.copy(os.path.join(SEEDS, name), dest)
    with open(os.path.join(SEEDS, "sources.toml"), encoding="utf-8") as f:
        blocks = re.split(r"(?m)^(?=\[\[source\]\])", f.read())
    entry = next(b for b in blocks if f'"{name}"' in b)
    with open(os.path.join(dest, "sources.toml"), "w", encoding="utf-8") as f:
        f.write(entry)
    return dest


def run_case(title, cmd, cwd, env, expected, report=None):
    """Runs CMD; its stdout (or the --report file) and exit code must be check's."""
    started = time.monotonic()
    got = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, stdin=subprocess.DEVNULL)
    out = got.stdout
    if report:
        out = open(report, "rb").read() if os.path.exists(report) else b""
    problems = [] if not report or os.path.exists(report) else ["no --report file written"]
    if out != expected.stdout:
        problems.append(f"stdout differs from check ({len(out)} bytes against "
                        f"{len(expected.stdout)})")
    if got.returncode != expected.returncode:
        problems.append(f"exit code {got.returncode}, check gave {expected.returncode}")
    secs = time.monotonic() - started
    if not problems:
        print(f"ok    {title} (exit {got.returncode}, {secs:.0f}s)")
        return True
    print(f"FAIL  {title}: " + "; ".join(problems))
    for name, text in (("stdout", got.stdout), ("stderr", got.stderr)):
        lines = text.decode("utf-8", "replace").splitlines()
        tail = [ln for ln in lines if not re.match(r"\s+(at |\.\.\. \d+ more)", ln)][-25:]
        print(f"  --- {name} (last {len(tail)} lines)\n    " + "\n    ".join(tail))
    return False


def main():
    if not os.access(BIN, os.X_OK):
        print(f"no crosscheck binary at {BIN}: cargo build --release, or set CROSSCHECK_BIN")
        print("0 passed, 1 failed")
        return 1
    tmp = tempfile.mkdtemp(prefix="crosscheck-spark-")
    try:
        env = spark_env(tmp)
        py = [sys.executable, JOB, "--master", "local[2]", "--bin", BIN, "--rules", RULES]
        seeds_check = check(SEEDS)
        one = one_source_corpus(os.path.join(tmp, "one"))
        cases = [
            (f"seeds, {n} partitions",
             py + ["--sources", SEEDS, "--partitions", str(n), "--out", f"{tmp}/out-{n}"],
             ROOT, seeds_check)
            for n in (3, 1, 5)
        ]
        cases.append(("one source, 4 partitions",
                      py + ["--sources", one, "--partitions", "4", "--out", f"{tmp}/out-one"],
                      ROOT, check(one)))
        bad = broken_corpus(os.path.join(tmp, "bad"))
        cases.append(("broken manifest, 2 partitions",
                      py + ["--sources", bad, "--partitions", "2", "--out", f"{tmp}/out-bad"],
                      ROOT, check(bad)))
        # The cluster path: everything shipped, nothing at the paths given. The
        # report goes to a file: spark-submit merges the driver's stderr into stdout.
        ship = os.path.join(tmp, "ship")
        os.makedirs(ship)
        zip_folder(RULES, os.path.join(ship, "rules.zip"), with_folder=False)
        zip_folder(SEEDS, os.path.join(ship, "seeds.zip"), with_folder=True)
        submit = shutil.which("spark-submit", path=os.path.dirname(sys.executable)) \
            or shutil.which("spark-submit")
        # Places are shown as the sources were given ("seeds/…"): the check
        # to match is one given the same relative folder.
        cases.append(("shipped with spark-submit --files/--archives, 2 partitions",
                      [submit, "--master", "local[2]", "--files", BIN,
                       "--archives", "rules.zip#rules,seeds.zip#seeds", JOB,
                       "--bin", os.path.basename(BIN), "--rules", "rules",
                       "--sources", "seeds", "--partitions", "2", "--out", "out",
                       "--report", "report.txt"],
                      ship, check("seeds"), os.path.join(ship, "report.txt")))
        results = []
        for case in cases:
            try:
                results.append(run_case(case[0], case[1], case[2], env, *case[3:]))
            except Exception as e:  # a case that cannot even run is a failed case
                print(f"FAIL  {case[0]}: {e!r}")
                results.append(False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
