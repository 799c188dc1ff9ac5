"""Polyaxon's own verdict on many files, in one process (the code path of `polyaxon check -f FILE --lint`).

Reads JSON lines on stdin: {"id": ..., "path": FILE} (the file is read from disk, so a pathRef resolves
against its folder). Writes one JSON line per request: {"id", "verdict": "valid"|"invalid"|"yaml_error",
"message"}. With {"id", "yaml": FILE} it instead reports what PyYAML's safe_load makes of FILE (the data
as JSON with type tags, or the error), for the YAML-layer differential test.

References (hubRef, urlRef, and a pathRef other than the file being checked) resolve to a minimal
component instead of being fetched: lint's verdict then depends only on the file, which is what our
validator judges (an unresolvable reference is a warning for us).
"""
import datetime
import json
import math
import os
import sys

os.environ.setdefault("POLYAXON_NO_OP", "true")
os.environ.setdefault("POLYAXON_HOME", os.path.join(os.environ.get("TMPDIR", "/tmp"), "polyaxon-judge-home"))

import yaml  # noqa: E402
from polyaxon._polyaxonfile import check as check_module  # noqa: E402
from polyaxon._config.spec import ConfigSpec  # noqa: E402

STUB = {"version": 1.1, "kind": "component", "run": {"kind": "job"}}
_current = {"path": None}


class _StubReader:
    def __init__(self, value):
        self.value = value

    def read(self):
        return dict(STUB)


class JudgeConfigSpec(ConfigSpec):
    @classmethod
    def get_from(cls, value, config_type=None):
        if config_type in ("hub", "url"):
            return _StubReader(value)
        if config_type is None and isinstance(value, str) and _current["path"] and os.path.abspath(value) != _current["path"]:
            return _StubReader(value)
        return super().get_from(value, config_type)


check_module.ConfigSpec = JudgeConfigSpec
import polyaxon._polyaxonfile.specs as specs_module  # noqa: E402

specs_module.ConfigSpec = JudgeConfigSpec


def first_cause_message(err):
    """The innermost useful message: pydantic's first error (location | text) or the exception text."""
    e = err
    while e.__cause__ is not None:
        e = e.__cause__
    errors = getattr(e, "errors", None)
    if callable(errors):
        try:
            errs = errors()
            if errs:
                first = errs[0]
                loc = ".".join(str(x) for x in first.get("loc", ()))
                return "{} validation error{} for {} | {} | {}".format(
                    len(errs), "" if len(errs) == 1 else "s", getattr(e, "title", "?"), loc, first.get("msg", "")
                )
        except Exception:
            pass
    return str(e).split("\n")[0][:500] or type(e).__name__


def judge(path):
    _current["path"] = os.path.abspath(path)
    try:
        check_module.check_polyaxonfile(polyaxonfile=path, validate_params=False, is_cli=False, verbose=False)
        return "valid", ""
    except Exception as err:  # the CLI prints "Polyaxonfile is not valid." for any exception
        chain = []
        e = err
        while e is not None:
            chain.append(e)
            e = e.__cause__
        for e in chain:
            if isinstance(e, (yaml.scanner.ScannerError, yaml.parser.ParserError)) or "non valid yaml" in str(e):
                return "yaml_error", first_cause_message(err)
        return "invalid", first_cause_message(err)
    finally:
        _current["path"] = None


def tagged(v):
    """PyYAML data as JSON that keeps the types JSON would lose (dates, floats that are integral, inf/nan, bytes)."""
    if v is None or isinstance(v, (str, bool)):
        return v
    if isinstance(v, int):
        return {"$int": str(v)}
    if isinstance(v, float):
        if math.isnan(v):
            return {"$float": "nan"}
        if math.isinf(v):
            return {"$float": "inf" if v > 0 else "-inf"}
        return {"$float": repr(v)}
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return {"$datetime": v.strftime("%Y-%m-%dT%H:%M:%S") + ".%03d" % (v.microsecond // 1000)}
    if isinstance(v, datetime.date):
        return {"$date": v.isoformat()}
    if isinstance(v, bytes):
        return {"$bytes": v.hex()}
    if isinstance(v, (list, tuple)):
        return [tagged(x) for x in v]
    if isinstance(v, set):
        return {"$set": sorted(str(x) for x in v)}
    if isinstance(v, dict):
        # keys may be non-strings (ints, bools, None, dates): keep them as tagged pairs in order
        return {"$map": [[tagged(k), tagged(x)] for k, x in v.items()]}
    return {"$other": type(v).__name__}


def load_yaml(path):
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
        return {"ok": True, "data": tagged(data)}
    except yaml.YAMLError as e:
        return {"ok": False, "error": type(e).__name__, "message": str(e).split("\n")[0][:300]}
    except Exception as e:  # e.g. a reader error on a NUL byte, a recursion error
        return {"ok": False, "error": type(e).__name__, "message": str(e).split("\n")[0][:300]}


def main():
    out = sys.stdout
    out.write(json.dumps({"ready": True, "polyaxon": __import__("polyaxon").pkg.VERSION, "pyyaml": yaml.__version__}) + "\n")
    out.flush()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        if "yaml" in req:
            res = {"id": req["id"], **load_yaml(req["yaml"])}
        else:
            verdict, message = judge(req["path"])
            res = {"id": req["id"], "verdict": verdict, "message": message}
        out.write(json.dumps(res) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
