import os

import oracledb
import sqlalchemy
from google.cloud import bigquery

MSSQL_DSN = os.environ.get(
    "MSSQL_DSN",
    "DRIVER={ODBC Driver 18 for SQL Server};SERVER=erp-sql;DATABASE=erp;UID=reporting;PWD=secret",
)
ORACLE_USER = os.environ.get("ORACLE_USER", "billing_ro")
ORACLE_PASSWORD = os.environ.get("ORACLE_PASSWORD", "")
ORACLE_DSN = os.environ.get("ORACLE_DSN", "billing-db:1521/BILLING")
MYSQL = {
    "host": os.environ.get("MYSQL_HOST", "inventory-db"),
    "user": os.environ.get("MYSQL_USER", "inventory"),
    "passwd": os.environ.get("MYSQL_PASSWORD", ""),
    "db": "inventory",
}
LEGACY_MSSQL = (os.environ.get("LEGACY_HOST", "legacy-sql"), "crm_ro", os.environ.get("LEGACY_PW", ""), "crm")
SNOWFLAKE = {
    "account": os.environ.get("SF_ACCOUNT", "acme-eu1"),
    "user": os.environ.get("SF_USER", "REPORTING"),
    "password": os.environ.get("SF_PASSWORD", ""),
    "warehouse": "REPORTING_WH",
    "database": "ANALYTICS",
    "schema": "PUBLIC",
}

# a sync engine for pandas; create_engine does not connect
engine = sqlalchemy.create_engine(os.environ.get("PG_URL", "postgresql+psycopg2://reports@pg/reports"))
bq = bigquery.Client(project=os.environ.get("GCP_PROJECT", "acme-analytics"))

# python-oracledb's async API (thin mode)
async_pool = oracledb.create_pool_async(user=ORACLE_USER, password=ORACLE_PASSWORD, dsn=ORACLE_DSN, min=1, max=4)
