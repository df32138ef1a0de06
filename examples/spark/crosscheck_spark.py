#!/usr/bin/env python3
"""Run crosscheck over a corpus with Apache Spark: extract in parallel, compare once.

    crosscheck_spark.py --bin PATH --rules DIR --sources DIR --out DIR
                        [--partitions N] [--master URL] [--report FILE]

1. Lists the sources under --sources on the driver: *.txt and *.md, recursively,
   without README.md and hidden entries (the same walk as `crosscheck check`),
   sorted, and splits the list into N partitions.
2. Each partition becomes one `crosscheck extract --rules DIR --files-from -`
   process (`rdd.pipe`): its absolute source paths go to the process's stdin one
   per line, and each line it prints is one JSONL record. Every source's
   sources.toml is read by the binary itself, beside the source.
3. `saveAsTextFile(--out)` writes one shard per partition, `part-00000` …, each
   the complete output of one extract run (an empty partition's run has no
   sources: every shard starts with its header record).
4. `crosscheck compare --rules DIR OUT/part-*` runs on the driver; its stdout is
   printed (or written to --report FILE) and its exit code is this script's
   (0 clean, 1 conflicts, 2 error, also when the Spark job fails). Under
   spark-submit the driver's stderr is merged into its stdout, so use --report
   there when the report must be exactly compare's stdout.

Where the binary, rules and sources are found, on the driver and on each
executor alike: the copy shipped by spark-submit under the path's base name
(`--files /abs/crosscheck`, `--archives rules.zip#rules`, `--archives
seeds.zip#seeds`; see SparkFiles) if there is one, else the path as given, which
must then be the same on every machine (local mode, or a shared filesystem).
--out must be a folder that the driver reads and the executors write alike
(local mode, or a shared mount); it must not exist yet.
"""
import argparse
import glob
import json
import os
import stat
import subprocess
import sys

from pyspark import SparkConf, SparkFiles
from pyspark.sql import SparkSession

# Run by rdd.pipe on the executor. The first two stdin lines name the binary and
# the rules folder as found there; the source paths follow and go to extract
# (none for an empty partition: its shard is then a stream without sources).
# Each extract uses as many threads as a Spark task has cores (spark.task.cpus).
PIPE = (
    "/bin/sh -c '"
    "IFS= read -r bin && IFS= read -r rules || exit 70; "
    '[ -x "$bin" ] || chmod u+x "$bin" 2>/dev/null; '
    'exec "$bin" extract --rules "$rules" --threads {threads} --no-cache --files-from -'
    "'"
)


def locate(path):
    """PATH on this machine: the copy shipped under its base name, else PATH."""
    name = os.path.basename(os.path.normpath(path))
    try:
        shipped = SparkFiles.get(name)
    except Exception:  # no SparkContext root here: nothing was shipped
        shipped = None
    if shipped and os.path.exists(shipped):
        inner = os.path.join(shipped, name)  # an archive zipped with its folder
        if os.path.isdir(inner) and os.listdir(shipped) == [name]:
            return inner
        return shipped
    return os.path.abspath(path)


def list_sources(root):
    """Source files under ROOT, relative to it, as `crosscheck check` walks them."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            p = os.path.join(folder, f)
            if (not f.startswith(".") and f != "README.md"
                    and f.endswith((".txt", ".md")) and os.path.isfile(p)):
                found.append(os.path.relpath(p, root))
    return sorted(found)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True, help="the crosscheck binary")
    ap.add_argument("--rules", required=True, help="rules folder")
    ap.add_argument("--sources", required=True, help="sources folder, walked recursively")
    ap.add_argument("--out", required=True, help="new folder for the JSONL shards")
    ap.add_argument("--partitions", type=int, default=2, help="extract processes (default 2)")
    ap.add_argument("--master", help="Spark master (default: spark-submit's, else local[2])")
    ap.add_argument("--report", help="write compare's stdout to this file instead of stdout")
    a = ap.parse_args(argv)

    conf = SparkConf().setAppName("crosscheck")
    if a.master:
        conf.setMaster(a.master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # run by python, not by spark-submit
        conf.setMaster("local[2]")
    spark = SparkSession.builder.config(conf=conf).getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel(os.environ.get("CROSSCHECK_SPARK_LOG", "WARN"))
    # Shipped copies live in a folder that spark.stop() deletes: compare first.
    try:
        return run(sc, a)
    finally:
        spark.stop()


def run(sc, a):
    binary, rules, sources = locate(a.bin), locate(a.rules), locate(a.sources)
    out = os.path.abspath(a.out)
    if os.path.exists(out):
        return fail(f"{out} exists; pass a new --out folder")
    names = list_sources(sources)
    if not names:
        return fail(f"no .txt or .md sources under {sources}")
    a_bin, a_rules, a_sources = map(os.path.abspath, (a.bin, a.rules, a.sources))

    def with_header(rel_paths):  # runs on the executor, once per partition
        root = locate(a_sources)
        yield locate(a_bin)
        yield locate(a_rules)
        for rel in rel_paths:
            yield os.path.join(root, rel)

    threads = int(sc.getConf().get("spark.task.cpus", "1"))
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C.UTF-8"}  # pipe's default is {}
    try:
        (sc.parallelize(names, a.partitions)
           .mapPartitions(with_header)
           .pipe(PIPE.format(threads=threads), env=env, checkCode=True)
           .saveAsTextFile("file://" + out))
    except Exception as e:  # an extract that exits non-zero fails its task, then the job
        lines = str(e).splitlines() or [repr(e)]
        why = next((ln for ln in lines if "PIPE_FUNCTION_EXITED" in ln), lines[0])
        return fail(f"the Spark job failed (extract's stderr is in the executor logs): {why}")

    shards = sorted(glob.glob(os.path.join(out, "part-*")))
    for shard in shards:
        as_given(shard, names, a.sources)
    if not os.access(binary, os.X_OK):
        os.chmod(binary, os.stat(binary).st_mode | stat.S_IXUSR)
    done = subprocess.run([binary, "compare", "--rules", rules] + shards,
                          stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    if a.report:
        with open(a.report, "wb") as f:
            f.write(done.stdout)
    else:
        sys.stdout.buffer.write(done.stdout)
        sys.stdout.flush()
    return done.returncode


def as_given(shard, names, given):
    """Source paths in SHARD as the user gave them (GIVEN/rel), not where an
    executor found its copy: reports show each fact's place as path:line:col,
    and a shipped copy's path means nothing on the driver. Quotes are already
    in the shard, so compare never reads the files."""
    by_len = sorted(names, key=len, reverse=True)
    lines = []
    with open(shard, encoding="utf-8") as f:
        for line in f:
            if line.startswith('{"type":"source"'):
                rec = json.loads(line)
                path = rec.get("path", "").replace(os.sep, "/")
                rel = next((n for n in by_len
                            if path == n or path.endswith("/" + n.replace(os.sep, "/"))), None)
                if rel is not None:
                    rec["path"] = os.path.join(given, rel)
                    line = json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n"
            lines.append(line)
    with open(shard, "w", encoding="utf-8") as f:
        f.writelines(lines)


def fail(msg):
    print(f"crosscheck_spark: {msg}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
