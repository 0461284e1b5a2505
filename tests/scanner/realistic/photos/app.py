import asyncio
import json
import logging

from aiohttp import web

from . import db, storage
from .auth import auth_middleware
from .settings import get_settings
from .thumbnails import generate_preview, generate_thumbnails

log = logging.getLogger(__name__)
routes = web.RouteTableDef()


@routes.post("/photos")
async def upload(request):
    reader = await request.multipart()
    field = await reader.next()
    name = storage.unique_name(field.filename)
    path, size = await storage.save_upload(field, name)
    digest = storage.checksum(path)  # expect: BLK401
    photo_id = db.insert_photo(request["user"]["sub"], name, size)  # expect: BLK701
    key = f"{digest[:2]}/{name}"
    url = await asyncio.to_thread(storage.upload_to_s3, path, key)
    asyncio.create_task(generate_thumbnails(path))
    return web.json_response({"id": photo_id, "url": url}, status=201)


@routes.get("/photos/{id}")
async def get_photo(request):
    photo = await asyncio.to_thread(db.get_photo, int(request.match_info["id"]))
    if photo is None:
        raise web.HTTPNotFound()
    return web.json_response(photo)


@routes.get("/photos")
async def list_photos(request):
    photos = db.list_photos(request["user"]["sub"])  # expect: BLK701
    return web.json_response(photos)


@routes.get("/photos/{id}/preview")
async def preview(request):
    photo = await asyncio.to_thread(db.get_photo, int(request.match_info["id"]))
    thumb = await generate_preview(storage.media_path(photo["filename"]))
    return web.FileResponse(thumb)


@routes.delete("/photos/{id}")
async def delete(request):
    photo = db.get_photo(int(request.match_info["id"]))  # expect: BLK701
    await storage.delete_local(photo["filename"])
    return web.Response(status=204)


@routes.get("/config")
async def show_config(request):
    settings = get_settings()  # expect: BLK403
    return web.Response(text=json.dumps(settings, default=str), content_type="application/json")


async def on_startup(app):
    app["settings"] = await asyncio.to_thread(get_settings)
    log.info("started with %d settings", len(app["settings"]))


def create_app():
    app = web.Application(middlewares=[auth_middleware])
    app.add_routes(routes)
    app.on_startup.append(on_startup)
    return app


if __name__ == "__main__":
    web.run_app(create_app(), port=8080)
