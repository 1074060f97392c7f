#!/usr/bin/env python3
"""Proves that the library's layers are enforced by the build, as ARCHITECTURE.md says.

For every pair of layers (A, B), a one-line file in layer A's position that includes a header of
layer B is compiled with exactly the include paths layer A's CMake target gets. It must compile
when A may depend on B and fail with "file not found" when it may not. Then every #include of
lib/panier must name its header by its layer ("panier/LAYER/file.hpp"), never by a relative path
that would step around the rule.

Usage: check_layers.py --cxx CXX --lib DIR LAYER=INCLUDE_DIR[:INCLUDE_DIR...] ...
"""
import argparse
import pathlib
import re
import subprocess
import sys
import tempfile

# What each layer may include, directly or through the layers it links (ARCHITECTURE.md).
MAY_INCLUDE = {
    "core": set(),
    "config": {"model", "core"},
    "model": {"core"},
    "store": {"model", "core"},
    "optim": set(),
    "io": {"core"},
    "domain": {"config", "store", "model", "optim", "io", "core"},
    "render": {"config", "model", "io", "core"},
}

# One header of each layer whose own includes are the standard library and lower layers only.
PROBE = {
    "core": "panier/core/error.hpp",
    "config": "panier/config/catalogue.hpp",
    "model": "panier/model/plan.hpp",
    "store": "panier/store/store.hpp",
    "optim": "panier/optim/mip.hpp",
    "io": "panier/io/encoding.hpp",
    "domain": "panier/domain/eligibility.hpp",
    "render": "panier/render/page.hpp",
}


def compiles(cxx, includes, header, work):
    source = work / "probe.cpp"
    source.write_text(f'#include "{header}"\n')
    flags = [f"-I{d}" for d in includes]
    run = subprocess.run([cxx, "-std=c++20", "-fsyntax-only", *flags, str(source)],
                         capture_output=True, text=True)
    # g++ says "No such file or directory", clang "file not found".
    missing = "No such file or directory" in run.stderr or "file not found" in run.stderr
    if run.returncode != 0 and not missing:
        sys.exit(f"check_layers: {header} fails to compile for another reason:\n{run.stderr}")
    return run.returncode == 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cxx", required=True)
    parser.add_argument("--lib", required=True, type=pathlib.Path)
    parser.add_argument("layers", nargs="+")
    args = parser.parse_args()
    includes = {}
    for item in args.layers:
        name, _, dirs = item.partition("=")
        includes[name] = [d for d in dirs.split(":") if d]
    if set(includes) != set(MAY_INCLUDE):
        sys.exit(f"check_layers: CMake has layers {sorted(includes)}, the rules {sorted(MAY_INCLUDE)}")

    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        for layer, allowed in MAY_INCLUDE.items():
            for other, header in PROBE.items():
                if other == layer:
                    continue
                expected = other in allowed
                actual = compiles(args.cxx, includes[layer], header, work)
                if actual != expected:
                    failures.append(f"{layer} -> {other}: " +
                                    ("compiles, but the rule forbids it" if actual else
                                     "refused, but the rule allows it"))
                print(f"{layer:>7} -> {other:<7} {'allowed' if actual else 'refused'}")

    pattern = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
    for path in sorted(args.lib.rglob("*.[ch]pp")):
        layer = path.relative_to(args.lib).parts[0]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = pattern.match(line)
            if not match:
                continue
            target = match.group(1)
            parts = target.split("/")
            where = f"{path.relative_to(args.lib)}:{number}"
            if len(parts) != 3 or parts[0] != "panier" or parts[1] not in MAY_INCLUDE:
                failures.append(f"{where}: #include \"{target}\" does not name a layer's header")
            elif parts[1] != layer and parts[1] not in MAY_INCLUDE[layer]:
                failures.append(f"{where}: {layer} may not include {target}")
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
