import os
from functools import lru_cache

import boto3
from botocore.config import Config
from google.cloud import storage
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql+psycopg://app@db/media")
ASYNC_DATABASE_URL = DATABASE_URL.replace("+psycopg", "+asyncpg")
BUCKET = os.environ.get("MEDIA_BUCKET", "media-prod")

engine = create_engine(DATABASE_URL, pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, expire_on_commit=False)

async_engine = create_async_engine(ASYNC_DATABASE_URL)
AsyncSessionLocal = async_sessionmaker(async_engine, expire_on_commit=False)

s3 = boto3.client("s3", config=Config(retries={"max_attempts": 3}))


@lru_cache
def gcs_bucket() -> storage.Bucket:
    return storage.Client().bucket(os.environ.get("GCS_BUCKET", "media-archive"))


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


async def get_async_db():
    async with AsyncSessionLocal() as session:
        yield session


def settings() -> dict:
    return {"bucket": BUCKET, "thumb_size": int(os.environ.get("THUMB", "256"))}
