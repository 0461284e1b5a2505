import sqlite3

import psycopg2
import redis
import redis.asyncio as aioredis
from sqlalchemy import create_engine, select, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql://localhost/svc")
SessionLocal = sessionmaker(bind=engine)
async_engine = create_async_engine("postgresql+asyncpg://localhost/svc")
cache = redis.Redis(host="localhost")
acache = aioredis.Redis(host="localhost")


class UserRepo:
    def __init__(self, dsn):
        self.conn = psycopg2.connect(dsn)

    def find(self, user_id):
        cur = self.conn.cursor()
        cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))
        return cur.fetchone()


def count_orders():
    with SessionLocal() as s:
        return s.execute(text("SELECT count(*) FROM orders")).scalar()


async def get_user(repo: UserRepo, user_id):
    return repo.find(user_id)  # expect: BLK701


async def local_sqlite(path):
    conn = sqlite3.connect(path)  # expect: BLK700
    cur = conn.cursor()
    cur.execute("SELECT 1")  # expect: BLK700
    rows = cur.fetchall()  # rows of the statement above: its execute() is the finding
    conn.commit()  # expect: BLK700
    return rows


async def cached(key):
    v = cache.get(key)  # expect: BLK700
    if v is None:
        cache.set(key, "1", ex=60)  # expect: BLK700
    v2 = await acache.get(key)
    return v, v2


async def orm_query(model):
    session = Session(engine)
    rows = session.query(model).filter(model.id > 1).all()  # expect: BLK700
    with engine.connect() as conn:  # expect: BLK700
        conn.execute(text("SELECT 1"))  # expect: BLK700
    n = count_orders()  # expect: BLK701
    async with AsyncSession(async_engine) as asession:
        res = await asession.execute(select(model))
    async with async_engine.connect() as aconn:
        await aconn.execute(text("SELECT 1"))
    return rows, n, res
