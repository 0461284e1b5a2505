"""Which catalogued (or declared) call a running frame or callable is.

The scanner's catalogue names calls the way code spells them
(`requests.get`, `socket.socket.recv`, `queue.Queue.get`). At run time a
frame only has a code object and a callable only has an identity, so the
index resolves every catalogue name whose module is already imported to the
objects it denotes (functions, methods found through the class's MRO, C
builtins, classes) and maps code objects and object identities back to the
name. It never imports anything and never runs a property or `__getattr__`:
resolution uses module and class `__dict__`s only.
"""
import sys
import types

from blockscan import catalogue

MISSING = object()

# rows that name a family for events with no catalogue row of their own yet
# (scanner-design.md: BLK41R imports on the loop)
FALLBACK_CODES = {
    "builtins.__import__": "BLK410",
    "importlib.import_module": "BLK410",
    "importlib.reload": "BLK410",
}


def static_attr(obj, name):
    """obj.name without running descriptors other than slots, or MISSING."""
    if isinstance(obj, types.ModuleType):
        return vars(obj).get(name, MISSING)
    if isinstance(obj, type):
        for klass in obj.__mro__:
            if name in vars(klass):
                return vars(klass)[name]
        return MISSING
    try:
        d = object.__getattribute__(obj, "__dict__")
    except (AttributeError, TypeError):
        d = None
    if isinstance(d, dict) and name in d:
        return d[name]
    for klass in type(obj).__mro__:
        if name in vars(klass):
            attr = vars(klass)[name]
            if type(attr) is types.MemberDescriptorType:  # __slots__ member: safe to read
                try:
                    return attr.__get__(obj, type(obj))
                except AttributeError:
                    return MISSING
            return attr
    return MISSING


def resolve(name):
    """(object, instance) for a dotted name, looked up through imported
    modules only; `instance` is the object that is neither a module nor a
    class its last attribute is read from (`sys.stdin` for sys.stdin.read),
    else None. (MISSING, None) when not found."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        mod = sys.modules.get(".".join(parts[:i]))
        if mod is None:
            continue
        obj, owner = mod, None
        for attr in parts[i:]:
            owner = obj
            obj = static_attr(obj, attr)
            if obj is MISSING:
                return MISSING, None
        return obj, (owner if not isinstance(owner, (types.ModuleType, type)) else None)
    return MISSING, None


def unwrap(obj):
    """The function behind a staticmethod/classmethod/property, or obj."""
    if isinstance(obj, (staticmethod, classmethod)):
        return obj.__func__
    if isinstance(obj, property):
        return obj.fget
    return obj


class Index:
    """name -> (code, why, replacement) for the catalogue plus declared calls,
    and the reverse maps from code objects and callables to names."""

    def __init__(self, declared=None):
        self.rows = dict(catalogue.load())
        self.declared = dict(declared or {})
        self.rows.update(self.declared)
        self.wildcards = {n[:-2]: row for n, row in self.rows.items() if n.endswith(".*")}
        self.pending = set(n for n in self.rows if not n.endswith(".*")) | {n[:-2] for n in self.wildcards}
        self.by_code = {}
        self.by_id = {}  # id(obj) -> (name, obj): obj is kept so the id stays unique
        self.by_instance = {}  # (id(instance), attribute) -> (name, instance)
        self.seen_modules = -1

    def row(self, name):
        """(code, why, replacement) for a name, through wildcards and fallbacks."""
        row = self.rows.get(name)
        if row is not None:
            return row
        owner, _, meth = name.rpartition(".")
        wild = self.wildcards.get(owner)
        if wild is not None and not meth.startswith("_") and name not in catalogue.NONBLOCKING:
            return wild
        code = FALLBACK_CODES.get(name)
        if code is not None:
            fam = catalogue.FAMILIES[code[:4]]
            return (code, fam[1], fam[2])
        return None

    def refresh(self):
        """Resolve the names whose modules were imported since the last call."""
        if len(sys.modules) == self.seen_modules:
            return
        self.seen_modules = len(sys.modules)
        for name in list(self.pending):
            obj, instance = resolve(name)
            if obj is MISSING:
                continue
            self.pending.discard(name)
            if instance is not None:
                # a method of one object (sys.stdin.read): its function is
                # its class's, shared by every other instance (every open
                # text file), so only that object's attribute names it
                self.by_instance[(id(instance), name.rpartition(".")[2])] = (name, instance)
            elif name in self.wildcards:
                for attr, value in list(vars(obj).items()) if isinstance(obj, type) else ():
                    full = name + "." + attr
                    if not attr.startswith("_") and full not in catalogue.NONBLOCKING and callable(unwrap(value)):
                        self._add(full, value)
            else:
                self._add(name, obj)

    def _add(self, name, obj):
        obj = unwrap(obj)
        inner = getattr(obj, "__loopwatch_original__", None)
        if inner is not None:
            # a guard wrapper: every wrapper shares one code object, so only
            # its identity is indexed; its code would name every wrapped call
            self.by_id.setdefault(id(obj), (name, obj))
            obj = unwrap(inner)
        self.by_id.setdefault(id(obj), (name, obj))
        if isinstance(obj, type):   # a constructor: its __init__ runs the blocking work
            init = vars(obj).get("__init__")
            if isinstance(init, types.FunctionType):
                self.by_code.setdefault(init.__code__, name)
        code = getattr(obj, "__code__", None)
        if isinstance(code, types.CodeType):
            self.by_code.setdefault(code, name)

    def name_of_code(self, code):
        return self.by_code.get(code)

    def name_of_attribute(self, owner, attr):
        """The name of `owner.attr` when owner is a catalogued instance (sys.stdin)."""
        hit = self.by_instance.get((id(owner), attr))
        if hit is not None and hit[1] is owner:
            return hit[0]
        return None

    def name_of_object(self, obj):
        hit = self.by_id.get(id(obj))
        if hit is not None and hit[1] is obj:
            return hit[0]
        return None
