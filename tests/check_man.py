#!/usr/bin/env python3
"""Fails when a command or option that `panier --help` shows has no man page entry.

Walks `panier --help`, then `panier CMD --help` (and `panier CMD SUB --help` for nested
commands): every subcommand needs man/panier-CMD.1 (nested ones are documented in their parent's
page) and every long option must appear in that page. The configuration file needs panier.toml.5.
"""
import argparse
import os
import re
import subprocess
import sys


def help_text(panier, words):
    out = subprocess.run([panier, *words, "--help"], capture_output=True, text=True, check=True)
    return out.stdout


def sections(text):
    options, commands = [], []
    section = None
    for line in text.splitlines():
        if re.match(r"^(Options|OPTIONS):", line):
            section = "options"
            continue
        if re.match(r"^(Subcommands|SUBCOMMANDS):", line):
            section = "commands"
            continue
        if not line.startswith("  ") or line.startswith("    "):
            continue
        first = line.strip().split()[0]
        if section == "options":
            options += re.findall(r"--[a-z][a-z0-9-]*", line.strip().split("  ")[0])
        elif section == "commands":
            commands.append(first)
    return options, commands


def page_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read().replace("\\-", "-").replace("\\(em", "—")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--panier", required=True)
    parser.add_argument("--man", required=True)
    args = parser.parse_args()
    problems = []
    checked = 0

    def require(page, words):
        nonlocal checked
        path = os.path.join(args.man, page)
        if not os.path.exists(path):
            problems.append(f"{' '.join(['panier', *words])}: no man page {page}")
            return
        text = page_text(path)
        options, commands = sections(help_text(args.panier, words))
        for option in sorted(set(options)):
            checked += 1
            if option in ("--help",):
                continue
            if option not in text:
                problems.append(f"{' '.join(['panier', *words])}: option {option} is not in {page}")
        for command in commands:
            checked += 1
            if len(words) == 0:
                require(f"panier-{command}.1", [command])
            else:
                if not re.search(r"\b" + re.escape(command) + r"\b", text):
                    problems.append(f"panier {' '.join(words)} {command}: not described in {page}")
                require(page, [*words, command])

    require("panier.1", [])
    if not os.path.exists(os.path.join(args.man, "panier.toml.5")):
        problems.append("no man page panier.toml.5 for the configuration file")
    for problem in problems:
        print(problem)
    print(f"{checked} commands and options checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
