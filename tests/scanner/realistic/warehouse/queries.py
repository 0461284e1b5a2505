import pyodbc
import oracledb
import snowflake.connector

from .settings import MSSQL_DSN, ORACLE_DSN, ORACLE_PASSWORD, ORACLE_USER, SNOWFLAKE, async_pool

OPEN_ORDERS = """
SELECT o.id, o.customer_id, o.total, o.created_at
FROM dbo.orders o
WHERE o.region = ? AND o.status = 'open'
ORDER BY o.created_at DESC
"""


def open_orders(region: str) -> list:
    with pyodbc.connect(MSSQL_DSN, timeout=5) as conn:
        cur = conn.cursor()
        cur.execute(OPEN_ORDERS, region)
        return [dict(zip([c[0] for c in cur.description], row)) for row in cur.fetchall()]


def invoice(invoice_id: int):
    with oracledb.connect(user=ORACLE_USER, password=ORACLE_PASSWORD, dsn=ORACLE_DSN) as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT id, amount, due_date FROM invoices WHERE id = :id", id=invoice_id)
            return cur.fetchone()


async def invoice_async(invoice_id: int):
    async with async_pool.acquire() as conn:
        with conn.cursor() as cur:
            await cur.execute("SELECT id, amount, due_date FROM invoices WHERE id = :id", id=invoice_id)
            return await cur.fetchone()


def revenue_by_month(year: int):
    ctx = snowflake.connector.connect(**SNOWFLAKE)
    try:
        cur = ctx.cursor()
        cur.execute("SELECT month, SUM(amount) FROM revenue WHERE year = %s GROUP BY month ORDER BY month", (year,))
        return cur.fetchall()
    finally:
        ctx.close()


def group_rows(rows, key="customer_id"):
    out = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out
