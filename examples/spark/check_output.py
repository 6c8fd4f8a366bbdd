#!/usr/bin/env python3
"""The checks of examples/spark/test.sh, run with spark-submit.

    check_output.py to-parquet IN.jsonl OUT.parquet
    check_output.py verify OUTPUT,EXPECTED_IDS.json,MIN_OK[,COLUMN] [OUTPUT,…]

`verify` asserts, for each OUTPUT, that every expected id is in OUTPUT/articles exactly once and no other id is,
that at least N articles were annotated, that statements and relations point at known articles
and quote non-empty text, and (with --column) that a dataset column was carried over.
"""

import json
import sys
from collections import Counter

from pyspark.sql import SparkSession


def fail(msg):
    print(f"check_output: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def to_parquet(spark, src, dst):
    spark.read.json(src).write.mode("overwrite").parquet(dst)


def verify(spark, out, expected_path, min_ok, column):
    with open(expected_path, encoding="utf-8") as f:
        expected = Counter(json.load(f))
    articles = spark.read.parquet(f"{out}/articles")
    rows = articles.collect()
    got = Counter(r["id"] for r in rows)
    missing = expected - got
    extra = got - expected
    if missing:
        fail(f"{sum(missing.values())} ids missing, e.g. {list(missing)[:5]}")
    if extra:
        fail(f"{sum(extra.values())} ids unexpected or repeated, e.g. {list(extra)[:5]}")
    ok = [r for r in rows if r["status"] == "ok"]
    errors = [r for r in rows if r["status"] == "error"]
    if len(ok) < min_ok:
        fail(f"only {len(ok)} articles annotated, expected at least {min_ok}")
    if any(not r["error"] for r in errors):
        fail("an article failed without an error message")
    if column and column not in articles.columns:
        fail(f"the dataset column {column!r} was not carried over: {articles.columns}")
    statements = spark.read.parquet(f"{out}/statements").collect()
    relations = spark.read.parquet(f"{out}/relations").collect()
    ok_ids = {r["id"] for r in ok}
    if not statements or not relations:
        fail(f"{len(statements)} statements and {len(relations)} relations: expected some of each")
    if any(s["id"] not in ok_ids for s in statements + relations):
        fail("a statement or relation names an article that was not annotated")
    if any(not s["content"].strip() or not s["cue"].strip() for s in statements):
        fail("a statement with an empty cue or content")
    if sum(r["statements"] for r in rows if r["status"] == "ok") != len(statements):
        fail("the articles' statement counts do not add up to the statements table")
    print(
        f"check_output: ok: {out}: {len(rows)} ids each exactly once ({len(ok)} annotated, "
        f"{len(errors)} failed in-band), {len(statements)} statements, {len(relations)} relations"
    )


def main():
    spark = SparkSession.builder.appName("marsad-check").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "to-parquet":
        to_parquet(spark, args[0], args[1])
    else:
        # One JVM for every check: starting Spark is the slow part of the test.
        for spec in args:
            out, ids, min_ok, *column = spec.split(",")
            verify(spark, out, ids, int(min_ok), column[0] if column else None)
    spark.stop()


if __name__ == "__main__":
    main()
