#!/usr/bin/env python3
"""Spreadsheets as offices have them, made by LibreOffice itself.

The test writes a households sheet the way a French social centre keeps it (dates shown
DD/MM/YYYY, a QF with a thousands separator and a decimal comma, a phone number that became a
number, a start week typed as a date, accented and non-Latin names), has LibreOffice headless
save it as .xlsx, .ods, a semicolon CSV in UTF-8 and one in Windows-1252, and imports each with
panier: every one must store the same values, names intact. Then the errors (a wrong encoding, a
bad cell, a missing sheet, a damaged file), and the way back: panier's .xlsx outputs opened by
LibreOffice give the same table as panier's CSV, text that looks like a formula stays text.

Usage: spreadsheets.py PANIER SOURCE_DIR
"""
import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

PANIER, SOURCE = sys.argv[1], os.path.abspath(sys.argv[2])
CONFIG = os.path.join(SOURCE, "data", "example", "panier.toml")
ENV = dict(os.environ, TZ="Europe/Paris", LC_ALL="C.UTF-8", LANGUAGE="en", PANIER_TODAY="2023-01-05", PANIER_CONFIG=CONFIG)
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}")


HEADER = ["code", "last_name", "first_name", "phone", "adults", "children", "commune", "qf", "qf_date",
          "referrer", "scheme", "size", "point", "start_week", "end_week"]
# (code, last, first, phone as typed, qf, qf_date (y, m, d), start week's Monday (y, m, d))
PEOPLE = [
    ("H-0001", "Lefèvre", "Élodie", 612345678, 1140.5, (2022, 11, 24), (2023, 1, 9)),
    ("H-0002", "Çelik", "Françoise", "06 27 45 31 50", 512, (2022, 10, 2), (2023, 1, 9)),
    ("H-0003", "Nguyễn", "Thị Hương", None, 740.25, (2022, 12, 7), (2023, 1, 16)),
]
EXPECTED = {  # what the database must hold, whatever the file
    "H-0001": ("Lefèvre", "Élodie", "0612345678", 114050, "2022-11-24", "2023-W02"),
    "H-0002": ("Çelik", "Françoise", "06 27 45 31 50", 51200, "2022-10-02", "2023-W02"),
    "H-0003": ("Nguyễn", "Thị Hương", "", 74025, "2022-12-07", "2023-W03"),
}

FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="Ndate" number:language="fr" number:country="FR">
  <number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/>
  <number:text>/</number:text><number:year number:style="long"/>
 </number:date-style>
 <number:number-style style:name="Nqf" number:language="fr" number:country="FR">
  <number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"
   number:grouping="true"/>
 </number:number-style>
 <style:style style:name="cdate" style:family="table-cell" style:data-style-name="Ndate"/>
 <style:style style:name="cqf" style:family="table-cell" style:data-style-name="Nqf"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
"""


def cell(value, kind="string"):
    if value is None:
        return "<table:table-cell/>"
    if kind == "date":
        y, m, d = value
        return (f'<table:table-cell table:style-name="cdate" office:value-type="date" '
                f'office:date-value="{y:04}-{m:02}-{d:02}"/>')
    if kind == "qf":
        return f'<table:table-cell table:style-name="cqf" office:value-type="float" office:value="{value}"/>'
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'


def households_table(name, people, qf_override=None, referrer="ccas", end_week=None):
    rows = ["<table:table-row>" + "".join(cell(h) for h in HEADER) + "</table:table-row>"]
    for i, (code, last, first, phone, qf, qf_date, start) in enumerate(people):
        qf_cell = cell(qf_override[1]) if qf_override and qf_override[0] == i else cell(qf, "qf")
        cells = [cell(code), cell(last), cell(first), cell(phone), cell(1), cell(2), cell("Lens"), qf_cell,
                 cell(qf_date, "date"), cell(referrer), cell("cocagne"), cell("S"), cell("jardin"),
                 cell(start, "date"), cell(end_week)]
        rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    return f'<table:table table:name="{name}">' + "".join(rows) + "</table:table>"


def fods(path, *tables):
    with open(path, "w", encoding="utf-8") as f:
        f.write(FODS_HEAD + "".join(tables) + "</office:spreadsheet></office:body></office:document>\n")


def soffice(source, target_ext, out_dir, filter_options=None):
    """Converts with LibreOffice; returns the written file's path."""
    target = target_ext if filter_options is None else f"{target_ext}:Text - txt - csv (StarCalc):{filter_options}"
    profile = "file://" + os.path.join(out_dir, ".lo-profile")
    proc = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                           "--outdir", out_dir, source], capture_output=True, text=True, timeout=180)
    result = os.path.join(out_dir, os.path.splitext(os.path.basename(source))[0] + "." + target_ext)
    if not os.path.exists(result):
        sys.exit(f"spreadsheets: LibreOffice did not convert {source}: {proc.stdout} {proc.stderr}")
    return result


def panier(db, *args):
    return subprocess.run([PANIER, "--db", db, *args], capture_output=True, env=ENV, timeout=300)


def stored(db):
    con = sqlite3.connect(db)
    rows = con.execute("""SELECT h.code, i.last_name, i.first_name, i.phone, h.qf_cents, h.qf_date,
                                 e.start_week
                          FROM household h JOIN identity i ON i.household_id = h.id
                          JOIN enrolment e ON e.household_id = h.id ORDER BY h.code""").fetchall()
    con.close()
    return {r[0]: tuple(r[1:]) for r in rows}


def fresh_db(work, name):
    db = os.path.join(work, name + ".db")
    if os.path.exists(db):
        os.remove(db)
    subprocess.run([PANIER, "--db", db, "-q", "init"], check=True, env=ENV)
    return db


def one_clean_line(stderr, what):
    text = stderr.decode("utf-8")  # raises on raw bytes
    lines = text.strip().split("\n")
    check(len(lines) == 1 and lines[0].startswith("panier: error: ") and lines[0].isprintable(),
          f"{what}: one printable error line, got {text!r}")


def imports(work):
    full = os.path.join(work, "inscriptions.fods")
    latin = os.path.join(work, "inscriptions-latin.fods")
    fods(full, households_table("Inscriptions", PEOPLE))
    fods(latin, households_table("Inscriptions", PEOPLE[:2]))
    files = {
        "xlsx": soffice(full, "xlsx", work),
        "ods": soffice(full, "ods", work),
        "csv utf-8": soffice(full, "csv", os.path.join(work, "utf8"), "59,34,76,1"),
        "csv windows-1252": soffice(latin, "csv", os.path.join(work, "cp1252"), "59,34,1,1"),
    }
    raw = open(files["csv windows-1252"], "rb").read()
    check(b"Lef\xe8vre" in raw and b"\xc3" not in raw, "LibreOffice wrote the Windows-1252 CSV in Windows-1252")
    shown = open(files["csv utf-8"], encoding="utf-8").read()
    check("24/11/2022" in shown and ";612345678;" in shown and "140,50" in shown,
          f"LibreOffice wrote French dates, the bare phone and a decimal comma: {shown!r}")
    for kind, path in files.items():
        db = fresh_db(work, "import")
        proc = panier(db, "household", "import", path)
        check(proc.returncode == 0, f"{kind}: import exit {proc.returncode}: {proc.stderr.decode()}")
        want = {k: v for k, v in EXPECTED.items() if kind != "csv windows-1252" or k != "H-0003"}
        check(stored(db) == want, f"{kind}: stored {stored(db)}, expected {want}")
        err = proc.stderr.decode()
        check("column \"phone\": 9 digits" in err and "612345678" not in err,
              f"{kind}: a warning for the restored phone, without the number: {err!r}")
    return files


def errors(work, files):
    db = fresh_db(work, "errors")
    before = stored(db)
    proc = panier(db, "household", "import", "--encoding", "utf-8", files["csv windows-1252"])
    check(proc.returncode == 65 and b"cp1252/inscriptions-latin.csv:2: not UTF-8 or Windows-1252 text" in proc.stderr,
          f"--encoding utf-8 on Windows-1252: {proc.returncode} {proc.stderr!r}")
    bad = os.path.join(work, "bad.fods")
    fods(bad, households_table("Inscriptions", PEOPLE, qf_override=(1, "beaucoup")))
    for ext in ("xlsx", "ods"):
        path = soffice(bad, ext, work)
        proc = panier(db, "household", "import", path)
        check(proc.returncode == 65 and
              f'bad.{ext}:Inscriptions!H3: column "qf": "beaucoup" is not a number'.encode() in proc.stderr,
              f"{ext}: a bad cell located FILE:SHEET!H3: {proc.stderr!r}")
    two = os.path.join(work, "two.fods")
    notes = '<table:table table:name="Notes"><table:table-row>' + cell("à lire") + "</table:table-row></table:table>"
    fods(two, notes, households_table("Inscriptions", PEOPLE))
    for ext in ("xlsx", "ods"):
        path = soffice(two, ext, work)
        proc = panier(db, "household", "import", path, "--sheet", "Nope")
        check(proc.returncode == 65 and b'no sheet "Nope" (its sheets: Notes, Inscriptions)' in proc.stderr,
              f"{ext}: a missing sheet names the sheets: {proc.stderr!r}")
        proc = panier(db, "household", "import", path)
        check(proc.returncode == 65 and b'Notes!A1: unknown column' in proc.stderr,
              f"{ext}: the first sheet is read by default: {proc.stderr!r}")
        proc = panier(db, "household", "import", "--dry-run", path, "--sheet", "Inscriptions")
        check(proc.returncode == 0, f"{ext}: --sheet Inscriptions: {proc.stderr!r}")
    check(stored(db) == before, "nothing was written by the failed or dry-run imports")
    # Identical rows: an .ods keeps one with number-rows-repeated; each is a row of its own.
    harvest = os.path.join(work, "harvest.fods")
    row = cell((2023, 1, 9), "date") + cell("carotte") + cell(12.5)
    fods(harvest, '<table:table table:name="Prévisions"><table:table-row>' + cell("week") + cell("vegetable")
         + cell("quantity") + '</table:table-row><table:table-row table:number-rows-repeated="2">' + row
         + "</table:table-row></table:table>")
    for ext in ("ods", "xlsx"):
        path = soffice(harvest, ext, work)
        proc = panier(db, "harvest", "import", path)
        check(proc.returncode == 65 and f"harvest.{ext}:Prévisions!A3: 2023-W02 carotte (standard) is already on row 2"
              .encode() in proc.stderr, f"{ext}: repeated rows, a week given as a date: {proc.stderr!r}")
    data = open(files["xlsx"], "rb").read()
    damaged = os.path.join(work, "damaged.xlsx")
    open(damaged, "wb").write(data[: len(data) // 2])
    proc = panier(db, "household", "import", damaged)
    check(proc.returncode == 65, f"a damaged .xlsx exits 65, got {proc.returncode}")
    one_clean_line(proc.stderr, "a damaged .xlsx")
    renamed = os.path.join(work, "inscriptions-from-excel.csv")
    shutil.copyfile(files["xlsx"], renamed)
    proc = panier(db, "household", "import", "--dry-run", renamed)
    check(proc.returncode == 0, f"an .xlsx named .csv is read as what it is: {proc.stderr!r}")
    docx = os.path.join(work, "letter.xlsx")
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    proc = panier(db, "household", "import", docx)
    check(proc.returncode == 65, "a ZIP that is no spreadsheet exits 65")
    one_clean_line(proc.stderr, "a ZIP that is no spreadsheet")


def as_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def same_table(ours, theirs, what):
    """Cells equal, numbers compared as numbers (LibreOffice writes 12.5 for 12.50)."""
    ok = len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        ok = ok and len(a) == len(b)
        for x, y in zip(a, b):
            try:
                ok = ok and abs(float(x) - float(y)) < 1e-9
            except ValueError:
                ok = ok and x == y
    check(ok and len(ours) > 1, f"{what}: LibreOffice reads panier's .xlsx as its CSV:\n{ours[:3]}\n{theirs[:3]}")


def outputs(work):
    db = fresh_db(work, "week")
    example = os.path.join(SOURCE, "data", "example")
    for args in (["household", "import", os.path.join(example, "households.csv")],
                 ["harvest", "import", os.path.join(example, "harvest.csv")],
                 ["plan", "--week", "2023-W02"], ["allocate", "--week", "2023-W02"]):
        proc = panier(db, "-q", *args)
        check(proc.returncode == 0, f"{args}: {proc.stderr!r}")
    formula = os.path.join(work, "formula.fods")
    fods(formula, households_table("Inscriptions", [("H-9001", "Test", "Formule", None, 300, (2022, 12, 1),
                                                     (2023, 1, 16))], referrer="=1+2", end_week="2023-W04"))
    # (It starts after 2023-W02, so the allocation delivered below stays up to date.)
    proc = panier(db, "-q", "household", "import", soffice(formula, "xlsx", work))
    check(proc.returncode == 0, f"formula household: {proc.stderr!r}")
    for kind in ("baskets", "households", "expiring"):
        args = ["report", kind] + (["--from", "2023-W02", "--to", "2023-W02"] if kind != "expiring" else [])
        ours = panier(db, *args)
        check(ours.returncode == 0, f"report {kind}: {ours.stderr!r}")
        target = os.path.join(work, f"{kind}.xlsx")
        proc = panier(db, *args, "--format", "xlsx", "--output", target)
        check(proc.returncode == 0 and proc.stdout == b"", f"report {kind} --format xlsx: {proc.stderr!r}")
        # Raw values (not as shown), UTF-8, comma separated.
        theirs = soffice(target, "csv", os.path.join(work, "back-" + kind), "44,34,76,1,,0,false,false,false")
        our_rows = as_rows_text(ours.stdout.decode())
        their_rows = as_rows(theirs)
        if kind == "expiring":
            formula_rows = [r for r in our_rows if r[0] == "H-9001"]
            check(formula_rows and formula_rows[0][-1] == "'=1+2", f"CSV guards a formula: {formula_rows}")
            our_rows = [[c[1:] if c.startswith("'=") else c for c in r] for r in our_rows]
            check(any(r[-1] == "=1+2" for r in their_rows), f"xlsx keeps a formula as text: {their_rows}")
        same_table(our_rows, their_rows, f"report {kind}")
        with zipfile.ZipFile(target) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode()
            styles = z.read("xl/styles.xml").decode()
        check('<pane ySplit="1"' in sheet and "<f>" not in sheet, f"{kind}: header frozen, no formula cell")
        check("<b/>" in styles, f"{kind}: a bold header")
        if kind == "baskets":
            check("€" in styles, "baskets: the euro format")
    out = os.path.join(work, "out")
    proc = panier(db, "-q", "deliver", "--week", "2023-W02", "--out", out)
    check(proc.returncode == 0, f"deliver: {proc.stderr!r}")
    points = sorted(os.path.splitext(f)[0] for f in os.listdir(os.path.join(out, "sheets")))
    with zipfile.ZipFile(os.path.join(out, "sheets.xlsx")) as z:
        workbook = z.read("xl/workbook.xml").decode()
        tabs = sorted(part.split('"')[0] for part in workbook.split('<sheet name="')[1:])
        check(tabs == points, f"sheets.xlsx has a tab per point: {tabs} vs {points}")
        first = z.read("xl/worksheets/sheet1.xml").decode()
        check('paperSize="9"' in first, "sheets.xlsx tabs print on A4")
        check('<dataValidation type="list"' in first and "récupéré,procuration,absent,annulé" in first
              and "espèces,chèque,carte,virement" in first, "sheets.xlsx offers the statuses and methods as lists")
    # Two points' sheets filled in, a tab each, and saved by LibreOffice (.xlsx, .ods) go back
    # through one deliver record without --sheet (every tab is read): French statuses in any case,
    # the amount (a number cell) taken as paid for a collected basket whose paid_eur is blank, a
    # blank status left unrecorded.
    marks = ["Récupéré", "ABSENT", "procuration", None]
    tables = ""
    want = {}
    blank = 0
    for point in points[:2]:
        sheet_rows = as_rows(os.path.join(out, "sheets", point + ".csv"))
        columns = sheet_rows[0]
        body = []
        for i, r in enumerate(sheet_rows[1:]):
            values = dict(zip(columns, r))
            body.append("".join(cell(float(values[c])) if c == "amount_eur" else
                                cell(marks[i % 4]) if c == "status" else cell(values[c] or None) for c in columns))
            status = ["collected", "missed", "proxy", None][i % 4]
            if status:
                paid = round(float(values["amount_eur"]) * 100) if status != "missed" else 0
                want[values["household"]] = f"{status} {paid}"
            else:
                blank += 1
        tables += (f'<table:table table:name="{point}"><table:table-row>' + "".join(cell(c) for c in columns)
                   + "</table:table-row>" + "".join(f"<table:table-row>{r}</table:table-row>" for r in body)
                   + "</table:table>")
    filled = os.path.join(work, "rempli.fods")
    fods(filled, tables)
    after_delivery = dict(ENV, PANIER_TODAY="2023-01-13")
    for ext in ("xlsx", "ods"):
        subprocess.run([PANIER, "--db", db, "deliver", "record", "--week", "2023-W02", "--undo"],
                       capture_output=True, env=after_delivery, timeout=300)
        proc = subprocess.run([PANIER, "--db", db, "deliver", "record", "--week", "2023-W02",
                               soffice(filled, ext, work)], capture_output=True, env=after_delivery, timeout=300)
        check(proc.returncode == 0, f"{ext}: deliver record of filled sheets: {proc.stderr!r}")
        con = sqlite3.connect(db)
        got = dict(con.execute("SELECT h.code, p.status || ' ' || p.paid_cents FROM pickup p JOIN allocation a "
                               "ON a.week = p.week AND a.enrolment_id = p.enrolment_id JOIN household h "
                               "ON h.id = a.household_id WHERE p.week = '2023-W02'").fetchall())
        con.close()
        check(got == want, f"{ext}: pickups from the filled sheets of {points[:2]} {got}, expected {want}")
        check(f", {blank} left blank".encode() in proc.stdout or blank == 0, f"{ext}: blank lines said: {proc.stdout!r}")
    # The survey answers typed into a spreadsheet by a point: a date for the week, French answers.
    survey = sorted(os.listdir(os.path.join(out, "survey")))
    lines = as_rows(os.path.join(out, "survey", survey[0]))[1:3]
    check(len(lines) == 2, f"survey/{survey[0]} lists the vegetables of each basket: {lines}")
    header = "".join(cell(c) for c in ("week", "household", "vegetable", "cooked", "liked"))
    rows = [cell((2023, 1, 12), "date") + cell(h) + cell(v) + cell(c) + cell(l)
            for (_, h, v, _, _), c, l in zip(lines, ("Oui", "non"), ("non", None))]
    answers = os.path.join(work, "retours.fods")
    fods(answers, '<table:table table:name="Retours"><table:table-row>' + header + "</table:table-row>"
         + "".join(f"<table:table-row>{r}</table:table-row>" for r in rows) + "</table:table>")
    bad = os.path.join(work, "retours-faux.fods")
    fods(bad, '<table:table table:name="Retours"><table:table-row>' + header + "</table:table-row><table:table-row>"
         + cell((2023, 1, 12), "date") + cell(lines[0][1]) + cell("banane") + cell("oui") + cell(None)
         + "</table:table-row></table:table>")
    for ext in ("xlsx", "ods"):
        proc = panier(db, "feedback", "import", soffice(bad, ext, work))
        check(proc.returncode == 65 and f'retours-faux.{ext}:Retours!C2: column "vegetable": unknown vegetable "banane"'
              .encode() in proc.stderr, f"{ext}: a bad answer located by cell: {proc.stderr!r}")
        proc = panier(db, "feedback", "import", soffice(answers, ext, work))
        check(proc.returncode == 0, f"{ext}: feedback import: {proc.stderr!r}")
        con = sqlite3.connect(db)
        got = con.execute("SELECT f.week, h.code, f.vegetable, f.cooked, f.liked FROM feedback f "
                          "JOIN household h ON h.id = f.household_id ORDER BY 2, 3").fetchall()
        con.close()
        want = sorted([("2023-W02", lines[0][1], lines[0][2], 1, 0), ("2023-W02", lines[1][1], lines[1][2], 0, None)],
                      key=lambda r: (r[1], r[2]))
        check(got == want, f"{ext}: the answers stored {got}, expected {want}")


def as_rows_text(text):
    return list(csv.reader(io.StringIO(text)))


def main():
    if shutil.which("soffice") is None:
        sys.exit("spreadsheets: LibreOffice (soffice) is not installed: scripts/setup libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory(prefix="panier-sheets-") as work:
        if os.environ.get("KEEP"):  # KEEP=DIR leaves the files there, to look at
            work = os.environ["KEEP"]
            os.makedirs(work, exist_ok=True)
        files = imports(work)
        errors(work, files)
        outputs(work)
    if failures:
        sys.exit(f"spreadsheets: {len(failures)} failure(s)")
    print("spreadsheets: every check passed")


main()
