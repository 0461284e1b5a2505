"""Local state: audit trail (TinyDB), report cache (diskcache), sessions (sqlitedict),
feature flags (TOML), alert rules (INI via configobj), site settings (.env), deploy lock."""
import io

import diskcache
import toml
from configobj import ConfigObj
from dotenv import dotenv_values, load_dotenv, set_key
from filelock import FileLock, Timeout
from sqlitedict import SqliteDict
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from . import config

reports = diskcache.Cache(config.CACHE_DIR)
deploy_lock = FileLock(config.DEPLOY_LOCK, timeout=1)


def audit_db():
    return TinyDB(config.AUDIT_DB)


def render_report(name):
    return f"report {name}".upper()


async def record_action(user, action):
    db = audit_db()  # io: filesystem tinydb
    db.table("actions").insert({"user": user, "action": action})  # io: filesystem tinydb
    db.close()


async def actions_by(user):
    action = Query()  # no-io: tinydb
    wanted = action.user == user
    with TinyDB(config.AUDIT_DB) as db:  # io: filesystem tinydb
        return db.table("actions").search(wanted)  # io: filesystem tinydb


async def dry_run_audit(entries):
    db = TinyDB(storage=MemoryStorage)  # no-io: tinydb
    db.insert_multiple(entries)  # no-io: tinydb
    return len(db)


async def cached_report(name):
    text = reports.get(name)  # io: database diskcache
    if text is None:
        text = render_report(name)
        reports.set(name, text, expire=300)  # io: database diskcache
    return text


async def drop_report(name):
    return reports.delete(name)  # io: database diskcache


async def scratch_cache(directory):
    with diskcache.Cache(directory) as scratch:  # io: filesystem|database diskcache
        return scratch.directory


async def memoised(fn):
    return reports.memoize(expire=60)(fn)  # no-io: diskcache


async def remember_session(sid, data):
    sessions = SqliteDict(config.SESSIONS_DB, tablename="sessions")  # io: threadwait sqlitedict
    sessions[sid] = data  # io: filesystem sqlitedict
    sessions.commit()  # io: threadwait sqlitedict
    sessions.close()  # io: threadwait sqlitedict


async def import_sessions(items):
    sessions = SqliteDict(config.SESSIONS_DB, tablename="sessions", outer_stack=False)  # io: threadwait sqlitedict
    for sid, data in items:
        sessions[sid] = data  # no-io: sqlitedict
    sessions.commit()  # io: threadwait sqlitedict
    sessions.close()  # io: threadwait sqlitedict
    return len(items)


async def load_session(sid):
    with SqliteDict(config.SESSIONS_DB, tablename="sessions", flag="r") as sessions:  # io: threadwait sqlitedict
        return sessions.get(sid)  # io: threadwait sqlitedict


async def feature_flags():
    return toml.load(config.FEATURES_TOML)  # io: filesystem toml


async def parse_flags(text):
    return toml.loads(text)  # no-io: toml


async def render_flags(flags):
    return toml.dumps(flags)  # no-io: toml


async def alert_rules():
    rules = ConfigObj(config.ALERTS_INI)  # io: filesystem configobj
    return rules.dict()  # no-io: configobj


async def save_alert_rule(name, threshold):
    rules = ConfigObj(config.ALERTS_INI)  # io: filesystem configobj
    rules[name] = {"threshold": threshold}
    rules.write()  # io: filesystem configobj


async def rules_from_text(lines):
    return ConfigObj(lines).dict()  # no-io: configobj


async def reload_site_settings():
    load_dotenv(config.ENV_FILE, override=True)  # io: filesystem python-dotenv
    return dotenv_values(config.ENV_FILE)  # io: filesystem python-dotenv


async def set_site_setting(key, value):
    set_key(config.ENV_FILE, key, value)  # io: filesystem python-dotenv


async def parse_settings(text):
    return dotenv_values(stream=io.StringIO(text))  # no-io: python-dotenv


async def deploy(run_step):
    try:
        with deploy_lock:  # io: filesystem filelock
            return run_step()
    except Timeout:
        return None


async def try_deploy(run_step):
    try:
        deploy_lock.acquire(timeout=0.2)  # io: filesystem|sleep filelock
    except Timeout:
        return "busy"
    try:
        return run_step()
    finally:
        deploy_lock.release()  # no-io: filelock


async def lock_for(path):
    return FileLock(path, timeout=5)  # no-io: filelock


async def deploy_in_progress():
    return deploy_lock.is_locked  # no-io: filelock
