import os

from azure.storage.blob import BlobServiceClient
from azure.storage.blob.aio import BlobServiceClient as AsyncBlobServiceClient
from minio import Minio
from neo4j import AsyncGraphDatabase, GraphDatabase
from openai import AsyncOpenAI, OpenAI

AZURE_CONN = os.environ.get("AZURE_STORAGE_CONNECTION_STRING", "UseDevelopmentStorage=true")

blob_service = BlobServiceClient.from_connection_string(AZURE_CONN)
docs_container = blob_service.get_container_client("docs")
async_blob_service = AsyncBlobServiceClient.from_connection_string(AZURE_CONN)

archive = Minio(
    os.environ.get("MINIO_ENDPOINT", "minio.internal:9000"),
    access_key=os.environ.get("MINIO_ACCESS_KEY", ""),
    secret_key=os.environ.get("MINIO_SECRET_KEY", ""),
    secure=False,
    region="us-east-1",
)

llm = OpenAI()
async_llm = AsyncOpenAI()

graph = GraphDatabase.driver(os.environ.get("NEO4J_URI", "neo4j://graph:7687"),
                             auth=("neo4j", os.environ.get("NEO4J_PASSWORD", "")))
async_graph = AsyncGraphDatabase.driver(os.environ.get("NEO4J_URI", "neo4j://graph:7687"),
                                        auth=("neo4j", os.environ.get("NEO4J_PASSWORD", "")))


def fetch_template(name: str) -> bytes:
    return docs_container.download_blob(f"templates/{name}").readall()


def archive_file(name: str, path: str) -> str:
    result = archive.fput_object("archive", name, path, content_type="application/pdf")
    return result.etag


def related_ids(doc_id: str) -> list:
    with graph.session(database="docs") as s:
        result = s.run("MATCH (d:Doc {id: $id})-[:CITES]->(o:Doc) RETURN o.id AS id", id=doc_id)
        return [record["id"] for record in result]
