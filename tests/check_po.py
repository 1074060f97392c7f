#!/usr/bin/env python3
"""Checks po/fr.po against the messages in the code: every message is translated, and every
translation's {} fields fit its English text's arguments (as many automatic fields, or manual
indices {N} below their count, never both kinds), so that no message falls back to English or
loses a value."""
import re
import subprocess
import sys
import tempfile

source = sys.argv[1]


def entries(path):
    """The entries of a PO file as {keyword: text}, continuation lines joined; the header left out."""
    text = subprocess.run(["msgcat", "--no-wrap", path], capture_output=True, text=True, check=True).stdout
    found = []
    for block in text.split("\n\n"):
        fields, key = {}, None
        for line in block.split("\n"):
            m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                fields[key] = m.group(2)
            elif key and line.startswith('"') and line.endswith('"'):
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            found.append(fields)
    return found


def fields(text):
    return re.findall(r"\{([^{}]*)\}", text.replace("{{", "").replace("}}", ""))


problems = []
with tempfile.NamedTemporaryFile(suffix=".pot") as fresh:
    # The same extraction as scripts/translations, into a file of our own.
    subprocess.run(["bash", f"{source}/scripts/translations", "--pot", fresh.name], check=True)
    wanted = {e["msgid"] for e in entries(fresh.name)}
po = entries(f"{source}/po/fr.po")
# A fuzzy entry (a guess by msgmerge) is not used by msgfmt: it would stay English.
fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", "--no-wrap", f"{source}/po/fr.po"], capture_output=True,
                       text=True, check=True).stdout
for m in re.findall(r'^msgid "(.+)"$', fuzzy, re.M):
    problems.append(f"fuzzy (check it, then remove the fuzzy flag): {m}")
have = {e["msgid"] for e in po}
for m in sorted(wanted - have):
    problems.append(f"not in po/fr.po (run scripts/translations): {m}")
for e in po:
    english = fields(e["msgid"])
    for key in [k for k in e if k.startswith("msgstr")]:
        french = fields(e[key])
        if not e[key]:
            problems.append(f"untranslated: {e['msgid']}")
            continue
        manual = [f for f in french if re.match(r"^\d+", f)]
        if manual and len(manual) != len(french):
            problems.append(f"automatic and manual fields mixed: {e[key]}")
        elif manual:
            if any(int(re.match(r"^\d+", f).group()) >= len(english) for f in manual):
                problems.append(f"a field beyond the arguments: {e[key]}")
        elif [f.split(":")[-1] if ":" in f else "" for f in french] != [
                f.split(":")[-1] if ":" in f else "" for f in english]:
            problems.append(f"fields differ from the English: {e[key]} / {e['msgid']}")
for p in problems:
    print("FAIL:", p)
print(f"{len(po)} translations, {len(problems)} problems")
sys.exit(1 if problems else 0)
