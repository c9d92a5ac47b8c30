#!/usr/bin/env python3
"""Scores document fields against truth, nulls included.

usage: eval/fields.py GT_DIR OUT_DIR [-v]

GT_DIR holds NAME.expected.json = {"document": {...}, "unreadable": bool}.
OUT_DIR holds congvan's NAME.json (and _summary.json for failed files).
Every field of the truth's document is judged, a null one too: there the
output must be null (a neighbour's text is wrong). Text is compared after
NFC, white space folded, case ignored. An unreadable truth file is right
when congvan refused it with no_text_layer; a readable one it refused
counts every field wrong.
"""
import json
import pathlib
import sys
import unicodedata

FIELDS = ["type", "number", "date", "issuer", "parent_issuer", "place", "subject",
          "signer", "signer_title", "attached_to"]


def norm(v):
    if v is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(v)).split()).casefold()


def refused(out_dir):
    summary = out_dir / "_summary.json"
    if not summary.exists():
        return {}
    data = json.loads(summary.read_text())
    out = {}
    for f in data.get("files", data.get("documents", [])):
        if isinstance(f, dict) and f.get("error"):
            name = pathlib.Path(f.get("file", f.get("input", ""))).stem
            out[name] = f.get("error_kind") or f.get("kind") or str(f.get("error"))
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    gt_dir, out_dir = pathlib.Path(args[0]), pathlib.Path(args[1])
    failed = refused(out_dir)
    per_field = {f: [0, 0] for f in FIELDS}
    scans = [0, 0]
    for gt_file in sorted(gt_dir.glob("*.expected.json")):
        name = gt_file.name[: -len(".expected.json")]
        gt = json.loads(gt_file.read_text())
        out_file = out_dir / f"{name}.json"
        if gt.get("unreadable"):
            scans[1] += 1
            ok = not out_file.exists()
            scans[0] += ok
            if verbose and not ok:
                print(f"{name}: unreadable, but congvan gave output")
            continue
        doc = json.loads(out_file.read_text()).get("document", {}) if out_file.exists() else None
        for f in FIELDS:
            want = gt["document"].get(f)
            got = None if doc is None else doc.get(f)
            right = doc is not None and norm(want) == norm(got)
            per_field[f][0] += right
            per_field[f][1] += 1
            if verbose and not right:
                print(f"{name[:60]}: {f}: want {want!r} got {got!r}")
    right = sum(r for r, _ in per_field.values())
    total = sum(t for _, t in per_field.values())
    for f, (r, t) in per_field.items():
        print(f"{f:14} {r}/{t}")
    print(f"unreadable refused {scans[0]}/{scans[1]}")
    print(f"TOTAL fields={right}/{total} = {right / max(total, 1):.4f}")


if __name__ == "__main__":
    main()
