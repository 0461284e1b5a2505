"""Rule codes and their selection (`--select` / `--ignore`, config `select` /
`ignore`): shared by the scanner's command line and the loop watcher, which
must not import the scanner's CLI or analysis to read its settings."""
from blockscan import catalogue, output


class UsageError(Exception):
    pass


_SUBRULES = []


def subrules():
    """Sub-rule prefix (BLKnT) -> name, for every family: its T=0 rule, the
    sub-rules named in output.SUBRULES and any tens digit the catalogue uses."""
    if not _SUBRULES:
        out = {prefix + "0": "" for prefix in catalogue.FAMILIES}
        for code, _, _ in catalogue.load().values():
            out.setdefault(code[:5], "")
        for prefix, name in output.SUBRULES.items():
            out[prefix] = name
        _SUBRULES.append(dict(sorted(out.items())))
    return dict(_SUBRULES[0])


def all_codes():
    return [sub + route for sub in subrules() for route in output.ROUTES]


def expand(tokens, where):
    """Comma-separated codes, prefixes or family names -> list of code prefixes."""
    names = {fam[0]: prefix for prefix, fam in catalogue.FAMILIES.items()}
    codes = all_codes() if tokens else ()
    out = []
    for tok in tokens:
        for t in tok.split(","):
            t = t.strip()
            if not t:
                continue
            if t.lower() in names:
                out.append(names[t.lower()])
                continue
            u = t.upper()
            if not any(c.startswith(u) for c in codes):
                raise UsageError("%s: unknown rule code or family %r (see --list-rules)" % (where, t))
            out.append(u)
    return out


def make_selector(select, ignore):
    def selected(code):
        if select and not any(code.startswith(s) for s in select):
            return False
        # the most specific match wins: --select BLK401 --ignore BLK4 keeps BLK401
        best_sel = max((len(s) for s in select if code.startswith(s)), default=-1)
        best_ign = max((len(s) for s in ignore if code.startswith(s)), default=-1)
        return best_ign < 0 or best_sel > best_ign
    return selected
