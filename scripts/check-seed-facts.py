#!/usr/bin/env python3
"""Check that the project's seed resources carry the same facts as the reference seed.

Usage: check-seed-facts.py <reference-seed-dir> <our-seed-dir>

<reference-seed-dir> holds the original initial_*.json files; <our-seed-dir> holds
index.json plus one file per table ({"table", "key", "resolve"?, "rows"}).

For every table the rows are compared with the reference records one by one, in order:
every field except `description` must be equal (same value and same JSON type; the
reference `source_system` field of data sources must equal our `source_system`), no
field may be missing or extra, and each `description` must be reworded (not equal to
the original, even ignoring case, spacing and punctuation) and fit its column.
Prints a one-line summary; exits 1 on any difference, 2 on bad usage.
"""
import json
import os
import re
import sys

# order, reference file, wrapper key, our file, table, upsert key, description limit, columns
TABLES = [
    ("initial_config.json", None, "01-system_config.json", "system_config", ["key"], 255,
     {"id", "key", "value", "type", "description", "editable"}),
    ("initial_metadata.json", None, "02-igem_metadata.json", "igem_metadata", ["schema_version"], 255,
     {"id", "schema_version", "schema_revision", "etl_version", "description"}),
    ("initial_source_systems.json", "source_systems", "03-etl_source_systems.json", "etl_source_systems", ["name"], 1024,
     {"id", "name", "description", "homepage", "active"}),
    ("initial_data_sources.json", "data_sources", "04-etl_data_sources.json", "etl_data_sources", ["name"], None,
     {"id", "name", "dtp_version", "schema_version", "data_type", "source_url", "format", "dtp_script", "active"}),
    ("initial_entity_types.json", "entity_types", "05-entity_types.json", "entity_types", ["name"], 512,
     {"id", "name", "domain", "description"}),
    ("initial_entity_relationship_types.json", "entity_relationship_types", "06-entity_relationship_types.json",
     "entity_relationship_types", ["id"], 255, {"id", "code", "description"}),
    ("initial_genome_assemblies.json", "genome_assemblies", "07-genome_assemblies.json", "genome_assemblies",
     ["accession"], None, {"id", "accession", "assembly_name", "chromosome"}),
    ("initial_chemical_groups.json", "chemical_groups", "08-chemical_groups.json", "chemical_groups", ["name"], 512,
     {"id", "name", "description", "data_source_id", "etl_package_id"}),
]
EXPECTED_COUNTS = {"system_config": 4, "igem_metadata": 1, "etl_source_systems": 25, "etl_data_sources": 52,
                   "entity_types": 14, "entity_relationship_types": 18, "genome_assemblies": 2,
                   "chemical_groups": 9}
DATA_SOURCE_RESOLVE = {"source_system": {"table": "etl_source_systems", "match": "name",
                                         "column": "source_system_id"}}


def same(a, b):
    """Equal value and equal JSON type (True != 1, 1 != 1.0, None only equals None)."""
    return type(a) is type(b) and a == b


def norm(text):
    return re.sub(r"[\W_]+", " ", text).strip().casefold()


def load(path, problems):
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        problems.append(f"{path}: cannot read JSON ({exc})")
        return None


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    ref_dir, our_dir = argv[1], argv[2]
    problems = []
    facts = equal = rows_total = reworded = 0

    index = load(os.path.join(our_dir, "index.json"), problems)
    want_files = [t[2] for t in TABLES]
    if index is not None and index != {"files": want_files}:
        problems.append(f"index.json: expected {{'files': {want_files}}}, got {index}")
    listed = sorted(f for f in os.listdir(our_dir) if f.endswith(".json")) if os.path.isdir(our_dir) else []
    extra = sorted(set(listed) - set(want_files) - {"index.json"})
    if extra:
        problems.append(f"unexpected seed files: {extra}")

    for ref_name, wrapper, our_name, table, key, desc_limit, columns in TABLES:
        ref = load(os.path.join(ref_dir, ref_name), problems)
        ours = load(os.path.join(our_dir, our_name), problems)
        if ref is None or ours is None:
            continue
        ref_rows = ref[wrapper] if wrapper else ref
        where = our_name
        allowed_top = {"table", "key", "rows"} | ({"resolve"} if table == "etl_data_sources" else set())
        if set(ours) - allowed_top or not {"table", "key", "rows"} <= set(ours):
            problems.append(f"{where}: top-level keys {sorted(ours)} (want {sorted(allowed_top)})")
        if ours.get("table") != table:
            problems.append(f"{where}: table {ours.get('table')!r} != {table!r}")
        if ours.get("key") != key:
            problems.append(f"{where}: key {ours.get('key')!r} != {key!r}")
        if table == "etl_data_sources" and ours.get("resolve") != DATA_SOURCE_RESOLVE:
            problems.append(f"{where}: resolve {ours.get('resolve')!r} != {DATA_SOURCE_RESOLVE!r}")
        rows = ours.get("rows")
        if not isinstance(rows, list):
            problems.append(f"{where}: rows is not a list")
            continue
        if len(rows) != len(ref_rows) or len(rows) != EXPECTED_COUNTS[table]:
            problems.append(f"{where}: {len(rows)} rows, reference has {len(ref_rows)}, "
                            f"expected {EXPECTED_COUNTS[table]}")
        row_columns = columns | ({"source_system"} if table == "etl_data_sources" else set())
        seen_keys = set()
        for i, (r, o) in enumerate(zip(ref_rows, rows)):
            label = f"{where} row {i + 1} ({', '.join(str(r.get(k)) for k in key)})"
            rows_total += 1
            if not isinstance(o, dict):
                problems.append(f"{label}: not an object")
                continue
            bad_cols = sorted(set(o) - row_columns)
            if bad_cols:
                problems.append(f"{label}: not columns of {table}: {bad_cols}")
            if set(o) != set(r):
                problems.append(f"{label}: fields {sorted(o)} != reference {sorted(r)}")
            kv = tuple(json.dumps(o.get(k)) for k in key)
            if kv in seen_keys:
                problems.append(f"{label}: duplicate upsert key {kv}")
            seen_keys.add(kv)
            for field, ref_val in r.items():
                if field not in o:
                    continue
                val = o[field]
                if field == "description":
                    if ref_val is None:
                        if val is not None:
                            problems.append(f"{label}: description should be null")
                        continue
                    if not isinstance(val, str) or not val.strip():
                        problems.append(f"{label}: description must be a non-empty string")
                        continue
                    if val == ref_val or norm(val) == norm(ref_val):
                        problems.append(f"{label}: description not reworded: {val!r}")
                    else:
                        reworded += 1
                    if desc_limit is not None and len(val) > desc_limit:
                        problems.append(f"{label}: description has {len(val)} chars > {desc_limit}")
                    continue
                facts += 1
                if same(val, ref_val):
                    equal += 1
                else:
                    problems.append(f"{label}: {field} = {val!r}, reference {ref_val!r}")

    for p in problems:
        print("DIFF " + p, file=sys.stderr)
    status = "FAIL" if problems else "OK"
    print(f"{status}: {len(TABLES)} tables, {rows_total} rows, {equal}/{facts} facts equal to reference, "
          f"{reworded} descriptions reworded, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
