import asyncio
import logging
from decimal import Decimal

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from .database import ProductRepository, SessionLocal, get_db
from .models import Product
from .payments import gateway

app = FastAPI()
log = logging.getLogger("shop")
inventory_client = httpx.AsyncClient(base_url="http://inventory:8000")


class ProductIn(BaseModel):
    name: str
    price: Decimal
    stock: int = 0


class Checkout(BaseModel):
    product_id: int
    quantity: int
    card_token: str


@app.get("/products")
async def list_products(skip: int = 0, limit: int = 20, db: Session = Depends(get_db)):
    repo = ProductRepository(db)
    return repo.list(skip, limit)  # expect: BLK701


@app.get("/products/{product_id}")
def get_product(product_id: int, db: Session = Depends(get_db)):
    product = ProductRepository(db).get(product_id)
    if not product:
        raise HTTPException(404)
    return product


@app.post("/products")
async def create_product(body: ProductIn, db: Session = Depends(get_db)):
    product = Product(**body.dict())
    return ProductRepository(db).add(product)  # expect: BLK701


async def reserve(product_id: int, quantity: int) -> bool:
    r = await inventory_client.post(f"/reserve/{product_id}", json={"quantity": quantity})
    return r.status_code == 200


@app.post("/checkout")
async def checkout(body: Checkout):
    with SessionLocal() as db:
        product = db.get(Product, body.product_id)  # expect: BLK700
    if product is None:
        raise HTTPException(404)
    ok = await reserve(body.product_id, body.quantity)
    if not ok:
        raise HTTPException(409, "out of stock")
    amount = int(product.price * 100) * body.quantity
    charge = await asyncio.to_thread(gateway.charge, amount, body.card_token)
    return {"charge": charge["id"]}


@app.post("/checkout/express")
async def express_checkout(body: Checkout):
    charge = gateway.charge(100, body.card_token)  # expect: BLK201
    return {"charge": charge["id"]}


@app.post("/webhooks/psp")
async def psp_webhook(request: Request):
    payload = await request.body()
    if not gateway.verify_signature(payload, request.headers.get("X-Signature", "")):
        raise HTTPException(400)
    log.info("webhook %s", payload[:100])
    return {"ok": True}


@app.on_event("shutdown")
async def shutdown():
    await inventory_client.aclose()
    SessionLocal.close_all()
