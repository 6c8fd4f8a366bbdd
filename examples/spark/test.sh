#!/usr/bin/env bash
# The Spark stage, for real: PySpark in local mode pipes a few hundred SaudiNewsNet articles
# through `marsad extract --jsonl-in -` three ways (a JSON Lines dataset, a folder with the binary
# shipped by --files, a Parquet dataset) and checks that every input id comes back exactly once.
#
#   examples/spark/test.sh            (after `cargo build`; .ci/run calls it after `cargo test`)
#
# Needs Java 17 (Debian: openjdk-17-jre-headless) and Python 3 with venv; installs pyspark from
# PyPI into $MARSAD_SPARK_VENV (default ~/.cache/marsad/spark-venv) once. Where Java, pyspark or
# PyPI cannot be had, it says SKIPPED in capitals and exits 0 without claiming a pass;
# MARSAD_SPARK_REQUIRED=1 turns a skip into a failure.
# Environment: MARSAD (the binary; default target/debug/marsad), MARSAD_SPARK_ARTICLES (300).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n_articles="${MARSAD_SPARK_ARTICLES:-300}"

skip() {
  echo "=================================================================" >&2
  echo "SPARK TEST SKIPPED: $*" >&2
  echo "=================================================================" >&2
  if [ "${MARSAD_SPARK_REQUIRED:-0}" = 1 ]; then exit 1; fi
  exit 0
}

marsad="${MARSAD:-${CARGO_TARGET_DIR:-$root/target}/debug/marsad}"
[ -x "$marsad" ] || { echo "spark test: no marsad binary at $marsad (cargo build first)" >&2; exit 1; }
marsad="$(cd "$(dirname "$marsad")" && pwd)/$(basename "$marsad")"

command -v java >/dev/null || skip "no java on the PATH (apt-get install openjdk-17-jre-headless)"
java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
[ "${java_major:-0}" -ge 17 ] || skip "Java ${java_major:-?} found, Spark here wants 17"

venv="${MARSAD_SPARK_VENV:-$HOME/.cache/marsad/spark-venv}"
if ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  echo "spark test: installing pyspark into $venv …" >&2
  python3 -m venv "$venv" || skip "python3 -m venv failed"
  "$venv/bin/pip" install -q -r "$here/requirements.txt" || skip "pip could not install pyspark"
fi
export PATH="$venv/bin:$PATH"
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_LOCAL_IP=127.0.0.1

unpack=""
for d in "$root" "$root/.." "$root/../.." "$root/../../.."; do
  if [ -f "$d/shared/corpora/saudinewsnet/unpack.py" ]; then
    unpack="$d/shared/corpora/saudinewsnet/unpack.py"
    break
  fi
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "$unpack" ]; then
  python3 "$unpack" "$work/articles" --limit "$n_articles" >/dev/null
else
  # No corpus beside the checkout (a bare clone): the repository's own real articles (the dev set
  # and the sample), each used several times under its own file name, in the same layout.
  echo "spark test: no SaudiNewsNet corpus beside the checkout; using tests/fixtures articles" >&2
  python3 - "$root" "$work/articles" "$n_articles" <<'EOF'
import glob, json, os, shutil, sys
root, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = sorted(glob.glob(f"{root}/tests/fixtures/dev/articles/*.txt"))
texts.append(f"{root}/tests/fixtures/israel-iraq-unsc-2024-11-19.txt")
os.makedirs(out)
with open(f"{out}/index.jsonl", "w", encoding="utf-8") as idx:
    for i in range(n):
        src = texts[i % len(texts)]
        name = f"{i:04d}-{os.path.basename(src)}"
        shutil.copy(src, f"{out}/{name}")
        idx.write(json.dumps({"path": name, "source": "fixtures", "date_extracted": "",
                              "url": ""}) + "\n")
EOF
fi
# A file that is not text: it must come back as an error row, not vanish.
head -c 4096 /dev/urandom >"$work/articles/not-text.txt"

# The JSON Lines dataset: id, text, and the index's columns; plus records that must fail in-band.
python3 - "$work" <<'EOF'
import json, os, sys
work = sys.argv[1]
ids, folder_ids = [], ["not-text.txt"]
with open(f"{work}/articles/index.jsonl", encoding="utf-8") as idx, \
        open(f"{work}/articles.jsonl", "w", encoding="utf-8") as out:
    for n, line in enumerate(idx):
        meta = json.loads(line)
        with open(f"{work}/articles/{meta['path']}", encoding="utf-8") as f:
            text = f.read()
        rec = {"id": f"snn-{n}", "text": text, "source": meta["source"],
               "date": meta["date_extracted"], "url": meta["url"]}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        ids.append(rec["id"])
        folder_ids.append(meta["path"])
    for rec in ({"id": "empty", "text": "", "source": "x"},
                {"id": "no-text", "source": "x"},
                {"id": "latin", "text": "No Arabic here at all.", "source": "x"}):
        out.write(json.dumps(rec) + "\n")
        ids.append(rec["id"])
os.remove(f"{work}/articles/index.jsonl")
json.dump(ids, open(f"{work}/ids.json", "w"))
json.dump(folder_ids, open(f"{work}/folder-ids.json", "w"))
EOF

submit() {
  spark-submit --master 'local[2]' --conf spark.ui.enabled=false \
    --driver-java-options "-Dlog4j2.configurationFile=file:$here/log4j2.properties" "$@"
}
min_ok=$((n_articles * 9 / 10))
started=$SECONDS

echo "spark test: converting the dataset to Parquet" >&2
submit "$here/check_output.py" to-parquet "$work/articles.jsonl" "$work/articles.parquet"

echo "spark test 1/3: a JSON Lines dataset ($n_articles articles + 3 bad records), --marsad" >&2
submit "$here/marsad_spark.py" "$work/articles.jsonl" "$work/out-json" \
  --marsad "$marsad" --partitions 4

echo "spark test 2/3: a folder, the binary shipped with --files" >&2
submit --files "$marsad" "$here/marsad_spark.py" "$work/articles" "$work/out-folder"

echo "spark test 3/3: a Parquet dataset" >&2
submit "$here/marsad_spark.py" "$work/articles.parquet" "$work/out-parquet" --marsad "$marsad"

echo "spark test: checking the three outputs" >&2
submit "$here/check_output.py" verify "$work/out-json,$work/ids.json,$min_ok,date" \
  "$work/out-folder,$work/folder-ids.json,$min_ok" \
  "$work/out-parquet,$work/ids.json,$min_ok,source"

echo "spark test: $((SECONDS - started)) s"
echo "spark: 3 passed, 0 failed"
