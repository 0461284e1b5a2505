import asyncio
import datetime as dt
import functools
import logging

import aiomysql
import MySQLdb
import oracledb
import pandas as pd
import pymssql
from fastapi import FastAPI, HTTPException, Request
from google.cloud import bigquery
from sqlalchemy import text

from .queries import group_rows, invoice, invoice_async, open_orders, revenue_by_month
from .settings import LEGACY_MSSQL, MYSQL, ORACLE_DSN, ORACLE_PASSWORD, ORACLE_USER, bq, engine

log = logging.getLogger("warehouse")
app = FastAPI(title="warehouse")


@app.get("/orders/{region}")
async def orders(region: str):
    rows = open_orders(region)  # expect: BLK701
    return {"region": region, "by_customer": group_rows(rows)}


@app.get("/v2/orders/{region}")
async def orders_v2(region: str):
    rows = await asyncio.to_thread(open_orders, region)
    return {"region": region, "by_customer": group_rows(rows)}


@app.get("/invoices/{invoice_id}")
async def get_invoice(invoice_id: int):
    row = invoice(invoice_id)  # expect: BLK701
    if row is None:
        raise HTTPException(404)
    return {"id": row[0], "amount": float(row[1]), "due": row[2].isoformat()}


@app.get("/v2/invoices/{invoice_id}")
async def get_invoice_v2(invoice_id: int):
    row = await invoice_async(invoice_id)
    if row is None:
        raise HTTPException(404)
    return {"id": row[0], "amount": float(row[1]), "due": row[2].isoformat()}


@app.get("/invoices/{invoice_id}/lines")
async def invoice_lines(invoice_id: int):
    conn = oracledb.connect(user=ORACLE_USER, password=ORACLE_PASSWORD, dsn=ORACLE_DSN)  # expect: BLK700
    try:
        cur = conn.cursor()
        cur.execute("SELECT sku, qty, price FROM invoice_lines WHERE invoice_id = :1", [invoice_id])  # expect: BLK700
        rows = cur.fetchall()  # rows of the statement above: its execute() is the finding
    finally:
        conn.close()  # expect: BLK700
    return [{"sku": s, "qty": q, "price": float(p)} for s, q, p in rows]


@app.get("/v3/invoices/{invoice_id}/lines")
async def invoice_lines_v3(invoice_id: int):
    conn = await oracledb.connect_async(user=ORACLE_USER, password=ORACLE_PASSWORD, dsn=ORACLE_DSN)
    try:
        cur = conn.cursor()
        await cur.execute("SELECT sku, qty, price FROM invoice_lines WHERE invoice_id = :1", [invoice_id])
        rows = await cur.fetchall()
    finally:
        await conn.close()
    return [{"sku": s, "qty": q, "price": float(p)} for s, q, p in rows]


@app.get("/inventory/{sku}")
async def stock(sku: str):
    with MySQLdb.connect(**MYSQL) as db:  # expect: BLK700
        cur = db.cursor()
        cur.execute("SELECT warehouse, qty FROM stock WHERE sku = %s", (sku,))  # expect: BLK700
        # the default MySQLdb cursor stores the whole result during execute()
        rows = cur.fetchall()
    return {"sku": sku, "stock": dict(rows)}


@app.get("/v2/inventory/{sku}")
async def stock_v2(sku: str):
    conn = await aiomysql.connect(host=MYSQL["host"], user=MYSQL["user"], password=MYSQL["passwd"], db=MYSQL["db"])
    try:
        async with conn.cursor() as cur:
            await cur.execute("SELECT warehouse, qty FROM stock WHERE sku = %s", (sku,))
            rows = await cur.fetchall()
    finally:
        conn.close()
    return {"sku": sku, "stock": dict(rows)}


@app.get("/legacy/customers/{customer_id}")
async def legacy_customer(customer_id: int):
    host, user, password, database = LEGACY_MSSQL
    conn = pymssql.connect(host, user, password, database, login_timeout=5)  # expect: BLK700
    cursor = conn.cursor(as_dict=True)
    cursor.execute("SELECT id, name, email, segment FROM customers WHERE id = %d", customer_id)  # expect: BLK700
    row = cursor.fetchone()  # rows of the statement above: its execute() is the finding
    conn.close()
    if not row:
        raise HTTPException(404)
    return row


@app.get("/reports/daily")
async def daily_report(request: Request):
    day = request.query_params.get("day") or dt.date.today().isoformat()
    job_config = bigquery.QueryJobConfig(
        query_parameters=[bigquery.ScalarQueryParameter("day", "DATE", day)]
    )
    job = bq.query(  # expect: BLK700
        "SELECT channel, COUNT(*) AS orders, SUM(total) AS revenue "
        "FROM `acme-analytics.sales.orders` WHERE DATE(created_at) = @day GROUP BY channel",
        job_config=job_config,
    )
    rows = job.result(timeout=60)  # expect: BLK700
    return [dict(row.items()) for row in rows]


@app.get("/reports/revenue/{year}")
async def revenue(year: int):
    months = revenue_by_month(year)  # expect: BLK701
    return [{"month": m, "amount": float(a)} for m, a in months]


@app.get("/v2/reports/revenue/{year}")
async def revenue_v2(year: int):
    loop = asyncio.get_running_loop()
    months = await loop.run_in_executor(None, functools.partial(revenue_by_month, year))
    return [{"month": m, "amount": float(a)} for m, a in months]


@app.get("/reports/cohorts")
async def cohorts():
    df = pd.read_sql(text("SELECT cohort, week, retained FROM cohort_retention"), engine)  # expect: BLK700
    table = df.pivot(index="cohort", columns="week", values="retained").fillna(0)
    return table.to_dict(orient="index")


@app.get("/v2/reports/cohorts")
async def cohorts_v2():
    df = await asyncio.to_thread(pd.read_sql, text("SELECT cohort, week, retained FROM cohort_retention"), engine)
    table = df.pivot(index="cohort", columns="week", values="retained").fillna(0)
    return table.to_dict(orient="index")


def export_all_orders(path: str) -> None:
    # run by the nightly cron entry point, never on the loop
    df = pd.read_sql("SELECT * FROM orders", engine)
    df.to_parquet(path)
