#!/usr/bin/env python3
"""Derive tests/resources/reference-schema.tsv from the schema reference document.

Usage:  python3 scripts/gen-reference-schema.py path/to/schema-reference.md > tests/resources/reference-schema.tsv

The fixture is built only from the markdown (the per-table column tables of section 3
and section 4.2), never from our own migrations, so that a comparison between the
migrated catalog and this file is an independent check.

Output: one header line, then '#' comment lines, then one row per column of the 45
head-revision tables (in the order of the summary table of section 1):
    table, column, position, pg_type, sqlite_type, nullable
pg_type is written the way PostgreSQL's format_type() prints it; sqlite_type is the
declared type (upper case) as PRAGMA table_info reports it; position is the 1-based
column position of the SQLite table.
"""

import re
import sys

HEADER = ["table", "column", "position", "pg_type", "sqlite_type", "nullable"]


def die(msg):
    sys.stderr.write("gen-reference-schema: " + msg + "\n")
    sys.exit(1)


def split_row(line):
    """Split one markdown table row into stripped cells."""
    line = line.strip()
    if not (line.startswith("|") and line.endswith("|")):
        return None
    return [c.strip() for c in line[1:-1].split("|")]


def strip_md(cell):
    """Remove emphasis markers and code ticks."""
    return cell.replace("**", "").replace("`", "").strip()


def pg_type_of(cell):
    """Map a 'PostgreSQL' cell to format_type() spelling."""
    raw = strip_md(cell)
    low = raw.lower()
    # first word / token carries the type; the rest is commentary
    m = re.match(r"\s*([a-z_][a-z0-9_]*(\s*\(\s*\d+\s*\))?)", low)
    if not m:
        die("cannot read PostgreSQL type from %r" % cell)
    tok = re.sub(r"\s+", "", m.group(1))
    base = re.sub(r"\(.*", "", tok)
    length = re.search(r"\((\d+)\)", tok)
    if base in ("serial", "integer", "int", "int4"):
        return "integer"
    if base in ("bigserial", "bigint", "int8"):
        return "bigint"
    if base == "varchar":
        if not length:
            die("varchar without length in %r" % cell)
        return "character varying(%s)" % length.group(1)
    if base == "text":
        return "text"
    if base == "boolean":
        return "boolean"
    if base in ("float", "double"):
        return "double precision"
    if base == "timestamp":
        if "with time zone" in low and "without" not in low:
            return "timestamp with time zone"
        return "timestamp without time zone"
    if base == "json":
        return "json"
    if base == "jsonb":
        return "jsonb"
    if base == "vector":
        if not length:
            die("vector without dimension in %r" % cell)
        return "vector(%s)" % length.group(1)
    if base.endswith("_enum"):
        return base
    die("unknown PostgreSQL type %r" % cell)


def sqlite_type_of(cell):
    """Map a 'SQLite' cell to the declared type name (upper case)."""
    raw = strip_md(cell)
    m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*(\s*\(\s*\d+\s*\))?)", raw)
    if not m:
        die("cannot read SQLite type from %r" % cell)
    return re.sub(r"\s+", "", m.group(1)).upper()


def nullable_of(cell):
    v = strip_md(cell).lower()
    if v == "yes":
        return "YES"
    if v == "no":
        return "NO"
    die("unknown null cell %r" % cell)


def parse(md):
    lines = md.splitlines()

    # --- section 1: table list with expected column counts (used as a cross-check)
    summary = []  # (name, cols)
    in_summary = False
    for line in lines:
        if line.startswith("## "):
            in_summary = line.startswith("## 1.")
            continue
        if not in_summary:
            continue
        cells = split_row(line)
        if not cells or len(cells) < 4 or not cells[0].isdigit():
            continue
        summary.append((strip_md(cells[1]), int(cells[3])))
    if not summary:
        die("summary table of section 1 not found")

    # --- sections 3 and 4.2: '#### `table`' followed by a column table
    tables = {}
    section = ""
    subsection = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:].split(".")[0].strip()
            subsection = ""
        elif line.startswith("### "):
            subsection = line[4:].split(" ")[0].strip()
        elif line.startswith("#### ") and (section == "3" or subsection == "4.2"):
            m = re.match(r"#### `([a-z_0-9]+)`", line)
            if not m:
                i += 1
                continue
            name = m.group(1)
            # find the next table whose header starts with 'column'
            j = i + 1
            while j < len(lines) and not lines[j].startswith("#"):
                cells = split_row(lines[j])
                if cells and cells[0] == "column":
                    break
                j += 1
            else:
                die("no column table after heading of %s" % name)
            head = split_row(lines[j])
            try:
                c_pg = head.index("PostgreSQL")
                c_sl = head.index("SQLite")
                c_null = head.index("null")
            except ValueError:
                die("unexpected column-table header for %s: %r" % (name, head))
            cols = []
            j += 2  # skip header and |---| separator
            while j < len(lines):
                cells = split_row(lines[j])
                if cells is None:
                    break
                cols.append({
                    "column": strip_md(cells[0]),
                    "pg_type": pg_type_of(cells[c_pg]),
                    "sqlite_type": sqlite_type_of(cells[c_sl]),
                    "nullable": nullable_of(cells[c_null]),
                })
                j += 1
            # Section 4.2 may state that the SQLite column order starts differently
            # ("the SQLite table starts `variant_id, chromosome, …`"): apply it.
            k = j
            reordered = None
            while k < len(lines) and not lines[k].startswith("#"):
                mm = re.search(r"the SQLite table starts\s+`([^`]*)`", lines[k]
                               + " " + (lines[k + 1] if k + 1 < len(lines) else ""))
                if mm:
                    reordered = [c.strip() for c in mm.group(1).split(",")]
                    reordered = [c for c in reordered if re.fullmatch(r"[a-z_0-9]+", c)]
                    break
                k += 1
            if reordered:
                by_name = {c["column"]: c for c in cols}
                for c in reordered:
                    if c not in by_name:
                        die("reorder note of %s names unknown column %s" % (name, c))
                first = [by_name[c] for c in reordered]
                cols = first + [c for c in cols if c["column"] not in reordered]
            if name in tables:
                die("table %s described twice" % name)
            tables[name] = (cols, bool(reordered))
            i = j
            continue
        i += 1

    # --- cross-checks against section 1
    out = []
    for name, ncols in summary:
        if name not in tables:
            die("table %s of section 1 has no column table" % name)
        cols, reordered = tables[name]
        if len(cols) != ncols:
            die("table %s: section 1 says %d columns, column table has %d"
                % (name, ncols, len(cols)))
        seen = set()
        for c in cols:
            if c["column"] in seen:
                die("table %s: duplicate column %s" % (name, c["column"]))
            seen.add(c["column"])
        out.append((name, cols, reordered))
    extra = set(tables) - {n for n, _ in summary}
    if extra:
        die("column tables not in section 1: %s" % ", ".join(sorted(extra)))
    return out


def main():
    if len(sys.argv) != 2:
        die("usage: gen-reference-schema.py path/to/schema-reference.md")
    with open(sys.argv[1], encoding="utf-8") as fh:
        md = fh.read()
    tables = parse(md)
    w = sys.stdout
    w.write("\t".join(HEADER) + "\n")
    w.write("# Generated by scripts/gen-reference-schema.py from the IGEM schema reference; do not edit by hand.\n")
    w.write("# %d tables, %d columns; lines starting with '#' are comments.\n"
            % (len(tables), sum(len(c) for _, c, _ in tables)))
    w.write("# position = 1-based column order of the SQLite table. PostgreSQL uses the same\n")
    w.write("# order except: variant_masters starts chromosome, variant_id on PostgreSQL (SQLite:\n")
    w.write("# variant_id, chromosome), and entity_aliases.embedding is appended last on PostgreSQL\n")
    w.write("# when pgvector is available (absent otherwise).\n")
    for name, cols, reordered in tables:
        if reordered:
            w.write("# %s: SQLite column order used (differs from PostgreSQL)\n" % name)
        for pos, c in enumerate(cols, 1):
            w.write("\t".join([name, c["column"], str(pos), c["pg_type"],
                               c["sqlite_type"], c["nullable"]]) + "\n")


if __name__ == "__main__":
    main()
