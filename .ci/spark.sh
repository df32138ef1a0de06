#!/usr/bin/env bash
# The Spark example's test: sharded `extract` on Spark (local[2]) + `compare`
# must print what `check` prints. Installs what it needs from the project's own
# files: a Java runtime (17+, for PySpark 4), examples/spark/requirements.txt,
# and the release binary. Ends with the test's `N passed, M failed` line.
#
#   bash .ci/spark.sh                      the whole thing
#   CROSSCHECK_BIN=/path bash .ci/spark.sh  test another binary (still builds)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}

java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1
}
if ! command -v java >/dev/null 2>&1; then
  echo "spark.sh: installing a Java runtime (default-jre-headless)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi
if [ "$(java_major)" -lt 17 ]; then
  echo "spark.sh: PySpark 4 needs Java 17 or newer; found: $(java -version 2>&1 | head -n1)" >&2
  exit 2
fi

echo "spark.sh: pip install -r examples/spark/requirements.txt"
PIP_ROOT_USER_ACTION=ignore "$PYTHON" -m pip install -q --disable-pip-version-check \
  -r examples/spark/requirements.txt

echo "spark.sh: cargo build --release"
cargo build --release -q

# Spark binds to the loopback only: the hostname may resolve elsewhere.
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost
unset SPARK_HOME
"$PYTHON" examples/spark/test_spark.py
