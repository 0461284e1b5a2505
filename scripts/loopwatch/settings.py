"""What to watch and how: thresholds, guard, project roots, and the scanner's
configuration ([tool.find-blocking-calls] select/ignore/blocking-calls),
read with the scanner's own code so both tools speak the same language."""
import os

from blockscan import catalogue
from blockscan import codes
from blockscan import config as scanner_config


class UsageError(Exception):
    pass


class Settings:
    def __init__(self, threshold_ms=100.0, sample_ms=5.0, guard=False, project_roots=(),
                 select=(), ignore=(), declared=None, config_path=None):
        if not threshold_ms > 0:
            raise UsageError("the threshold must be above 0 ms, got %r" % threshold_ms)
        if not 0 < sample_ms <= threshold_ms:
            raise UsageError("the sample interval must be above 0 and at most the threshold (%g ms), got %r"
                             % (threshold_ms, sample_ms))
        self.threshold_ms = float(threshold_ms)
        self.sample_ms = float(sample_ms)
        self.guard = bool(guard)
        self.project_roots = tuple(os.path.abspath(p) for p in project_roots) or (os.getcwd(),)
        self.select = list(select)
        self.ignore = list(ignore)
        self.declared = dict(declared or {})
        self.config_path = config_path
        self.selected = codes.make_selector(self.select, self.ignore)


def _expand(tokens, where):
    try:
        return codes.expand(tokens, where)
    except codes.UsageError as exc:
        raise UsageError(str(exc)) from None


def load(start, config=None, no_config=False, select=(), ignore=(), blocking_calls=(),
         projects=(), notice=lambda msg: None, **knobs):
    """Settings for a program at `start` (a file or folder): the nearest
    pyproject.toml above it (or `config`) gives select/ignore/blocking-calls
    and, when no --project is given, the project root (its folder)."""
    cfg, where = {}, None
    if config:
        if not os.path.isfile(config):
            raise UsageError("--config %s: no such file" % config)
        where = config
    elif not no_config:
        where = scanner_config.find_pyproject(start)
    if where:
        try:
            cfg = scanner_config.load(where, notice)
        except scanner_config.ConfigError as exc:
            raise UsageError(str(exc)) from None
    sel = _expand(cfg.get("select", []), where or "config")
    ign = _expand(cfg.get("ignore", []), where or "config")
    if select:
        sel = _expand(select, "--select")
    ign += _expand(ignore, "--ignore")
    try:
        declared = scanner_config.parse_extra(cfg.get("blocking-calls", {}), catalogue.FAMILIES, where or "config")
        cli_calls = {}
        for item in blocking_calls:
            name, _, repl = item.partition("=")
            cli_calls[name.strip()] = repl.strip()
        declared.update(scanner_config.parse_extra(cli_calls, catalogue.FAMILIES, "--blocking-call"))
    except scanner_config.ConfigError as exc:
        raise UsageError(str(exc)) from None
    if not projects:
        if where:
            projects = [os.path.dirname(os.path.abspath(where))]
        else:
            start = os.path.abspath(start)
            projects = [start if os.path.isdir(start) else os.path.dirname(start)]
    for p in projects:
        if not os.path.isdir(p):
            raise UsageError("--project %s: no such folder" % p)
    return Settings(project_roots=projects, select=sel, ignore=ign, declared=declared,
                    config_path=where, **knobs)
