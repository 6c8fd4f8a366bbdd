#!/usr/bin/env python3
"""Run Marsad over a corpus on Apache Spark: who said what to whom, at cluster scale.

    spark-submit [--files /path/to/marsad] marsad_spark.py INPUT OUTPUT [options]

INPUT is one of
  * a folder of articles (searched recursively for *.txt, *.html, *.htm; the id of an article is
    its path relative to the folder);
  * a Parquet dataset (a file or folder ending in .parquet, or --input-format parquet);
  * a JSON Lines dataset (*.json / *.jsonl, or --input-format json).
A dataset needs an id column and a text column (--id-column, --text-column); its other columns are
kept in the articles table.

Every partition is piped through `marsad extract --jsonl-in - --jobs 1` (RDD.pipe: one record per
line in, one marsad/1 record per line out, in the same order; a record that fails comes back as a
line with an "error" field). OUTPUT receives three Parquet tables:

  OUTPUT/articles/    one row per input record: id, status (ok / error), error, counts, warnings,
                      and the dataset's other columns
  OUTPUT/statements/  id, statement, speaker, speaker_name, type, targets, quoted, cue, content,
                      content_start, content_end (character offsets into the article's text)
  OUTPUT/relations/   id, source, target, type, statements (how many support the edge), evidence

The binary: --marsad PATH, else the copy shipped with `spark-submit --files .../marsad` (found
through SparkFiles on the driver in local mode, as ./marsad in each executor's working folder on
a cluster), else `marsad` on the PATH.
"""

import argparse
import json
import os
import shlex
import shutil
import sys

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import types as T

TEXT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")

ARTICLE_FIELDS = [
    T.StructField("id", T.StringType(), False),
    T.StructField("status", T.StringType(), False),
    T.StructField("error", T.StringType(), True),
    T.StructField("encoding", T.StringType(), True),
    T.StructField("chars", T.LongType(), True),
    T.StructField("actors", T.LongType(), True),
    T.StructField("mentions", T.LongType(), True),
    T.StructField("statements", T.LongType(), True),
    T.StructField("relations", T.LongType(), True),
    T.StructField("warnings", T.ArrayType(T.StringType()), True),
]
STATEMENTS = T.StructType(
    [
        T.StructField("id", T.StringType(), False),
        T.StructField("statement", T.StringType(), False),
        T.StructField("speaker", T.StringType(), False),
        T.StructField("speaker_name", T.StringType(), True),
        T.StructField("type", T.StringType(), False),
        T.StructField("targets", T.ArrayType(T.StringType()), False),
        T.StructField("quoted", T.BooleanType(), False),
        T.StructField("cue", T.StringType(), False),
        T.StructField("content", T.StringType(), False),
        T.StructField("content_start", T.LongType(), False),
        T.StructField("content_end", T.LongType(), False),
    ]
)
RELATIONS = T.StructType(
    [
        T.StructField("id", T.StringType(), False),
        T.StructField("source", T.StringType(), False),
        T.StructField("target", T.StringType(), False),
        T.StructField("type", T.StringType(), False),
        T.StructField("statements", T.LongType(), False),
        T.StructField("evidence", T.ArrayType(T.StringType()), False),
    ]
)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="a folder of articles, or a Parquet / JSON Lines dataset")
    p.add_argument("output", help="the folder that receives articles/, statements/, relations/")
    p.add_argument("--input-format", choices=["auto", "folder", "parquet", "json"], default="auto")
    p.add_argument("--id-column", default="id")
    p.add_argument("--text-column", default="text")
    p.add_argument("--marsad", help="the marsad binary (default: shipped with --files, else PATH)")
    p.add_argument("--gazetteer", help="a gazetteer file present on every node (marsad --gazetteer)")
    p.add_argument("--partitions", type=int, help="how many pieces to cut the input into")
    p.add_argument("--mode", choices=["error", "overwrite"], default="error",
                   help="what to do when OUTPUT exists (default: refuse)")
    return p.parse_args(argv)


def input_format(args):
    if args.input_format != "auto":
        return args.input_format
    path = args.input.rstrip("/")
    if path.endswith(".parquet"):
        return "parquet"
    if path.endswith((".json", ".jsonl", ".ndjson")):
        return "json"
    if os.path.isdir(path) and any(
        f.endswith(".parquet") for f in os.listdir(path)
    ):
        return "parquet"
    return "folder"


def decode_article(data):
    """Article bytes to text. Marsad's own detection is richer (see `marsad extract FILE`); here
    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such, anything else as
    windows-1256, the legacy Arabic code page."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1256", errors="replace")


def read_records(spark, args):
    """(id, text) pairs as JSON lines for marsad, and a DataFrame of the other columns by id."""
    fmt = input_format(args)
    if fmt == "folder":
        root = os.path.abspath(args.input)
        files = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .load(root)
            .select("path", "content")
        )
        def to_record(row):
            path = row.path
            local = path[len("file:"):] if path.startswith("file:") else path
            rel = os.path.relpath(local, root) if local.startswith(root) else path
            return rel, decode_article(bytes(row.content))

        pairs = files.rdd.filter(lambda r: r.path.lower().endswith(TEXT_SUFFIXES)).map(to_record)
        extra = None
    else:
        reader = spark.read.parquet if fmt == "parquet" else spark.read.json
        df = reader(args.input)
        for col in (args.id_column, args.text_column):
            if col not in df.columns:
                sys.exit(f"marsad_spark: the dataset has no column {col!r} (columns: {df.columns})")
        id_col, text_col = args.id_column, args.text_column
        pairs = df.select(id_col, text_col).rdd.map(
            lambda r: (None if r[0] is None else str(r[0]), r[1])
        )
        others = [c for c in df.columns if c not in (id_col, text_col)]
        extra = (
            df.select(df[id_col].cast("string").alias("id"), *others) if others else None
        )
    if args.partitions:
        pairs = pairs.repartition(args.partitions)
    lines = pairs.map(lambda p: json.dumps({"id": p[0], "text": p[1]}, ensure_ascii=False))
    return lines, extra


def marsad_command(spark, args):
    if args.marsad:
        binary = os.path.abspath(args.marsad) if os.path.exists(args.marsad) else args.marsad
    else:
        shipped = SparkFiles.get("marsad")
        local = spark.sparkContext.master.startswith("local")
        if local and os.path.exists(shipped):
            binary = shipped
        elif not local:
            # spark-submit --files puts the binary in every executor's working folder.
            binary = "./marsad"
        else:
            binary = shutil.which("marsad") or sys.exit(
                "marsad_spark: no marsad binary: pass --marsad PATH or spark-submit --files PATH"
            )
    cmd = [binary, "extract", "--jsonl-in", "-", "--jobs", "1"]
    if args.gazetteer:
        cmd += ["--gazetteer", args.gazetteer]
    return " ".join(shlex.quote(c) for c in cmd)


def flatten(line):
    """One marsad output line to ("a", article row), ("s", statement row)… tuples."""
    try:
        rec = json.loads(line)
    except ValueError as e:  # marsad never writes such a line; keep it visible if it did
        yield "a", (None, "error", f"unreadable marsad output: {e}", None, None, None, None,
                    None, None, None)
        return
    aid = rec.get("id")
    aid = None if aid is None else str(aid)
    if "error" in rec:
        yield "a", (aid, "error", rec["error"], None, None, None, None, None, None,
                    rec.get("warnings"))
        return
    text = rec.get("text", "")
    actors = {a["id"]: a for a in rec.get("actors", [])}
    statements = rec.get("statements", [])
    relations = rec.get("relations", [])
    yield "a", (aid, "ok", None, rec.get("source", {}).get("encoding"), len(text),
                len(actors), len(rec.get("mentions", [])), len(statements), len(relations),
                rec.get("warnings"))
    for s in statements:
        speaker = actors.get(s["speaker"], {})
        cue, content = s["cue"], s["content"]
        yield "s", (aid, s["id"], s["speaker"], speaker.get("name_en"), s["type"],
                    list(s.get("targets", [])), bool(s.get("quoted")),
                    text[cue["start"]:cue["end"]], text[content["start"]:content["end"]],
                    content["start"], content["end"])
    for r in relations:
        evidence = [text[e["start"]:e["end"]] for e in r.get("evidence", [])]
        yield "r", (aid, r["source"], r["target"], r["type"], len(r.get("statements", [])),
                    evidence)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    spark = SparkSession.builder.appName("marsad").getOrCreate()
    lines, extra = read_records(spark, args)
    command = marsad_command(spark, args)
    print(f"marsad_spark: piping through {command}", file=sys.stderr)
    # checkCode: marsad exits non-zero only when its stream breaks, never for one bad record.
    rows = lines.pipe(command, env=dict(os.environ), checkCode=True).flatMap(flatten).cache()

    article_schema = T.StructType(ARTICLE_FIELDS)
    articles = spark.createDataFrame(rows.filter(lambda t: t[0] == "a").map(lambda t: t[1]),
                                     article_schema)
    if extra is not None:
        articles = articles.join(extra, on="id", how="left")
    statements = spark.createDataFrame(rows.filter(lambda t: t[0] == "s").map(lambda t: t[1]),
                                       STATEMENTS)
    relations = spark.createDataFrame(rows.filter(lambda t: t[0] == "r").map(lambda t: t[1]),
                                      RELATIONS)
    articles.write.mode(args.mode).parquet(os.path.join(args.output, "articles"))
    statements.write.mode(args.mode).parquet(os.path.join(args.output, "statements"))
    relations.write.mode(args.mode).parquet(os.path.join(args.output, "relations"))
    counts = articles.groupBy("status").count().collect()
    summary = ", ".join(f"{r['count']} {r['status']}" for r in sorted(counts, key=lambda r: r[0]))
    print(f"marsad_spark: articles: {summary}; written to {args.output}", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
