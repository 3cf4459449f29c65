#!/usr/bin/env python3
"""Lists the CUDA labs under an mps/ folder, one per line, tab-separated:

    slug  output_type  flags (space-separated)  dataset folders (comma-separated, by id)

The GPU machine may have Python without PyYAML, so mp.yaml is read with PyYAML when it is
there and otherwise with the few patterns the labs' files use (mps/README.md).
"""
import os
import re
import sys


def load(path):
    text = open(path, encoding="utf-8").read()
    try:
        import yaml  # type: ignore

        data = yaml.safe_load(text) or {}
        flags = ((data.get("compile") or {}).get("flags")) or []
        return data.get("toolchain"), data.get("output_type"), [str(f) for f in flags]
    except ImportError:
        pass
    field = lambda name: (re.search(r"^%s:\s*['\"]?([\w-]+)" % name, text, re.M) or [None, None])[1]
    flags = []
    found = re.search(r"flags:\s*\[([^\]]*)\]", text)
    if found:
        flags = [f.strip().strip("'\"") for f in found.group(1).split(",") if f.strip()]
    return field("toolchain"), field("output_type"), flags


def main():
    mps = sys.argv[1]
    for slug in sorted(os.listdir(mps)):
        config = os.path.join(mps, slug, "mp.yaml")
        if not os.path.isfile(config):
            continue
        toolchain, output_type, flags = load(config)
        if toolchain != "cuda":
            continue
        datasets_dir = os.path.join(mps, slug, "datasets")
        ids = sorted((int(d) for d in os.listdir(datasets_dir) if d.isdigit()), key=int) if os.path.isdir(datasets_dir) else []
        folders = ",".join(os.path.join(datasets_dir, str(i)) for i in ids)
        print("\t".join([slug, output_type or "vector", " ".join(flags), folders]))


if __name__ == "__main__":
    main()
