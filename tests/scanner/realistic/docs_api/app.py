import asyncio
import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .backends import (archive, archive_file, async_blob_service, async_graph, async_llm, docs_container,
                       fetch_template, graph, llm, related_ids)

DATA_DIR = Path(os.environ.get("DOCS_DATA", "/srv/docs"))
EXPORT_DIR = DATA_DIR / "exports"

with open(DATA_DIR / "site.yaml") as fh:
    SITE = yaml.safe_load(fh)


async def upload(request: Request) -> JSONResponse:
    form = await request.form()
    upload = form["file"]
    data = await upload.read()
    docs_container.upload_blob(name=upload.filename, data=data, overwrite=True)  # expect: BLK200
    return JSONResponse({"stored": upload.filename})


async def upload_v2(request: Request) -> JSONResponse:
    form = await request.form()
    upload = form["file"]
    data = await upload.read()
    async with async_blob_service.get_container_client("docs") as container:
        await container.upload_blob(name=upload.filename, data=data, overwrite=True)
    return JSONResponse({"stored": upload.filename})


async def template(request: Request) -> Response:
    name = request.path_params["name"]
    if request.query_params.get("offload"):
        body = await asyncio.to_thread(fetch_template, name)
    else:
        body = fetch_template(name)  # expect: BLK201
    return Response(body, media_type="text/html")


async def sheet(request: Request) -> JSONResponse:
    name = request.path_params["name"]
    wb = openpyxl.load_workbook(DATA_DIR / "sheets" / f"{name}.xlsx", data_only=True)  # expect: BLK400
    ws = wb.active
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=1, max_row=50)]
    return JSONResponse({"title": ws.title, "rows": rows})


async def sheet_import(request: Request) -> JSONResponse:
    form = await request.form()
    data = await form["file"].read()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    ws["A1"] = "imported"
    wb.save(EXPORT_DIR / f"{ws.title}.xlsx")  # expect: BLK400
    return JSONResponse({"sheets": wb.sheetnames})


async def sitemap(request: Request) -> JSONResponse:
    tree = ET.parse(DATA_DIR / "sitemap.xml")  # expect: BLK400
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [loc.text for loc in tree.getroot().findall("sm:url/sm:loc", ns)]
    return JSONResponse({"urls": urls})


async def sitemap_check(request: Request) -> JSONResponse:
    root = ET.fromstring(await request.body())
    return JSONResponse({"count": len(list(root))})


async def site_settings(request: Request) -> JSONResponse:
    if request.query_params.get("fresh"):
        with open(DATA_DIR / "site.yaml") as fh:  # expect: BLK400
            return JSONResponse(yaml.safe_load(fh))
    return JSONResponse(SITE)


async def validate_settings(request: Request) -> JSONResponse:
    text = (await request.body()).decode()
    return JSONResponse({"keys": sorted(yaml.safe_load(text) or {})})


async def export_index(request: Request) -> Response:
    rows = [(d["id"], d["title"]) for d in SITE.get("docs", [])]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    if request.query_params.get("save"):
        with open(EXPORT_DIR / "index.csv", "w", newline="") as out:  # expect: BLK400
            csv.writer(out).writerows(rows)
    return Response(buf.getvalue(), media_type="text/csv")


async def import_index(request: Request) -> JSONResponse:
    with open(DATA_DIR / "index.csv", newline="") as f:  # expect: BLK400
        reader = csv.DictReader(f)
        titles = [row["title"] for row in reader]
    return JSONResponse({"titles": titles})


async def summarize(request: Request) -> JSONResponse:
    doc = await request.json()
    completion = llm.chat.completions.create(  # expect: BLK200
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": "Summarize in three sentences."},
                  {"role": "user", "content": doc["text"]}],
    )
    return JSONResponse({"summary": completion.choices[0].message.content})


async def summarize_v2(request: Request) -> JSONResponse:
    doc = await request.json()
    completion = await async_llm.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": doc["text"]}],
    )
    return JSONResponse({"summary": completion.choices[0].message.content})


async def embed(request: Request) -> JSONResponse:
    doc = await request.json()
    vectors = llm.embeddings.create(model="text-embedding-3-small", input=doc["chunks"])  # expect: BLK200
    return JSONResponse({"dims": len(vectors.data[0].embedding)})


async def related(request: Request) -> JSONResponse:
    doc_id = request.path_params["id"]
    return JSONResponse({"related": related_ids(doc_id)})  # expect: BLK701


async def related_query(request: Request) -> JSONResponse:
    doc_id = request.path_params["id"]
    records, _summary, _keys = graph.execute_query(  # expect: BLK700
        "MATCH (d:Doc {id: $id})<-[:CITES]-(o:Doc) RETURN o.id AS id", id=doc_id, database_="docs"
    )
    return JSONResponse({"cited_by": [r["id"] for r in records]})


async def related_v2(request: Request) -> JSONResponse:
    doc_id = request.path_params["id"]
    async with async_graph.session(database="docs") as s:
        result = await s.run("MATCH (d:Doc {id: $id})-[:CITES]->(o:Doc) RETURN o.id AS id", id=doc_id)
        ids = [record["id"] async for record in result]
    return JSONResponse({"related": ids})


async def archive_doc(request: Request) -> JSONResponse:
    name = request.path_params["name"]
    etag = archive_file(name, str(EXPORT_DIR / name))  # expect: BLK201
    url = archive.presigned_get_object("archive", name)
    stat = archive.stat_object("archive", name)  # expect: BLK200
    return JSONResponse({"etag": etag, "url": url, "size": stat.size})


routes = [
    Route("/upload", upload, methods=["POST"]),
    Route("/v2/upload", upload_v2, methods=["POST"]),
    Route("/templates/{name}", template),
    Route("/sheets/{name}", sheet),
    Route("/sheets", sheet_import, methods=["POST"]),
    Route("/sitemap", sitemap),
    Route("/sitemap/check", sitemap_check, methods=["POST"]),
    Route("/settings", site_settings),
    Route("/settings/validate", validate_settings, methods=["POST"]),
    Route("/index.csv", export_index),
    Route("/index", import_index, methods=["POST"]),
    Route("/summarize", summarize, methods=["POST"]),
    Route("/v2/summarize", summarize_v2, methods=["POST"]),
    Route("/embed", embed, methods=["POST"]),
    Route("/docs/{id}/related", related),
    Route("/docs/{id}/cited-by", related_query),
    Route("/v2/docs/{id}/related", related_v2),
    Route("/archive/{name}", archive_doc, methods=["POST"]),
]


async def startup() -> None:
    if not archive.bucket_exists("archive"):  # expect: BLK200
        await asyncio.to_thread(archive.make_bucket, "archive")
    graph.verify_connectivity()  # expect: BLK700
    await async_graph.verify_connectivity()


app = Starlette(routes=routes, on_startup=[startup])
