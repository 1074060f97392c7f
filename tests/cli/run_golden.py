#!/usr/bin/env python3
"""Runs one golden CLI test file in a fresh temporary directory.

A test file is a sequence of directives, each on a line starting with '@':

  @file NAME          the following lines (up to the next directive) are written to NAME
  @copy SRC DEST      copies SRC (relative to the source tree) to DEST
  @env KEY=VALUE      sets an environment variable for the following steps
  @run COMMAND        runs COMMAND with bash (pipefail set) in the temp dir; `panier` is on PATH
  @exit N             the step's expected exit status (default 0)
  @stdout / @stderr   the following lines are the step's exact expected output (default: empty)

Lines starting with '#' before the first directive are the test's description. A content line
that must start with '@' is written '@@'. Every step's exit status, stdout and stderr are compared
exactly; any difference fails the test with a diff.
"""
import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile


def parse(path):
    steps, files, env = [], [], []
    block = None  # (kind, name, lines)
    actions = []  # ordered: ('file', name, lines) | ('copy', src, dest) | ('env', k, v) | ('run', step)
    current = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()

    def close_block():
        nonlocal block
        if block is None:
            return
        kind, name, content = block
        text = "".join(line + "\n" for line in content)
        if kind == "file":
            actions.append(("file", name, text))
        else:
            current[kind] = text
        block = None

    started = False
    for number, line in enumerate(lines, 1):
        if line.startswith("@") and not line.startswith("@@"):
            started = True
            close_block()
            word, _, rest = line[1:].partition(" ")
            if word == "file":
                block = ("file", rest.strip(), [])
            elif word == "copy":
                src, dest = rest.split()
                actions.append(("copy", src, dest))
            elif word == "env":
                key, _, value = rest.partition("=")
                actions.append(("env", key.strip(), value))
            elif word == "run":
                current = {"command": rest, "exit": 0, "stdout": "", "stderr": "", "line": number}
                actions.append(("run", current))
            elif word in ("stdout", "stderr"):
                if current is None:
                    sys.exit(f"{path}:{number}: @{word} before any @run")
                block = (word, None, [])
            elif word == "exit":
                current["exit"] = int(rest)
            else:
                sys.exit(f"{path}:{number}: unknown directive @{word}")
            continue
        if not started:
            continue
        if block is None:
            if line.strip():
                sys.exit(f"{path}:{number}: text outside a block")
            continue
        block[2].append(line[1:] if line.startswith("@@") else line)
    close_block()
    if not any(a[0] == "run" for a in actions):
        sys.exit(f"{path}: no @run step: a test must run something")
    return actions


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--panier", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--bless", action="store_true",
                        help="rewrite the test's expected outputs with the actual ones (review the diff!)")
    parser.add_argument("test")
    args = parser.parse_args()
    args.source = os.path.abspath(args.source)
    actions = parse(args.test)
    env = {
        "PATH": os.path.dirname(os.path.abspath(args.panier)) + os.pathsep + os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "TZ": "Europe/Paris",
        "LC_ALL": "C.UTF-8",
        "PANIER_TODAY": "2026-11-29",
        "PANIER_DATADIR": os.path.join(args.source, "data"),
        "SOURCE": args.source,
    }
    failures = 0
    with tempfile.TemporaryDirectory(prefix="panier-cli-") as tmp:
        for action in actions:
            kind = action[0]
            if kind == "file":
                target = os.path.join(tmp, action[1])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "w", encoding="utf-8", newline="") as f:
                    f.write(action[2])
            elif kind == "copy":
                target = os.path.join(tmp, action[2])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(os.path.join(args.source, action[1]), target)
            elif kind == "env":
                env[action[1]] = action[2]
            else:
                step = action[1]
                proc = subprocess.run(["bash", "-o", "pipefail", "-c", step["command"]], cwd=tmp, env=env,
                                      capture_output=True, timeout=120)
                got = {"exit": proc.returncode, "stdout": proc.stdout.decode("utf-8", "replace"),
                       "stderr": proc.stderr.decode("utf-8", "replace")}
                if args.bless:
                    step.update(got)
                    continue
                for key in ("exit", "stdout", "stderr"):
                    if got[key] != step[key]:
                        failures += 1
                        print(f"{args.test}:{step['line']}: $ {step['command']}")
                        if key == "exit":
                            print(f"  exit status {got['exit']}, expected {step['exit']}")
                        else:
                            diff = difflib.unified_diff(step[key].splitlines(True), got[key].splitlines(True),
                                                        f"expected {key}", f"actual {key}")
                            sys.stdout.writelines("  " + d if d.endswith("\n") else "  " + d + "\n" for d in diff)
    if args.bless:
        write_back(args.test, actions)
    return 1 if failures else 0


def escape(text):
    return "".join("@" + line if line.startswith("@") else line for line in text.splitlines(True))


def write_back(path, actions):
    with open(path, encoding="utf-8") as f:
        header = []
        for line in f:
            if line.startswith("@") and not line.startswith("@@"):
                break
            header.append(line)
    out = header
    for action in actions:
        kind = action[0]
        if kind == "file":
            out.append(f"@file {action[1]}\n")
            out.append(escape(action[2]))
        elif kind == "copy":
            out.append(f"@copy {action[1]} {action[2]}\n")
        elif kind == "env":
            out.append(f"@env {action[1]}={action[2]}\n")
        else:
            step = action[1]
            out.append(f"@run {step['command']}\n")
            if step["exit"] != 0:
                out.append(f"@exit {step['exit']}\n")
            for key in ("stdout", "stderr"):
                if step[key]:
                    text = step[key] if step[key].endswith("\n") else step[key] + "\n"
                    out.append(f"@{key}\n")
                    out.append(escape(text))
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(out)


if __name__ == "__main__":
    sys.exit(main())
