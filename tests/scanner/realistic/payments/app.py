import asyncio
import logging

import stripe
from fastapi import FastAPI, HTTPException, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from .ledger import INSERT, balance, publish_and_confirm, publish_event, record
from .settings import (SMS_FROM, WEBHOOK_SECRET, producer, reload_config, session, stripe_client, twilio,
                       twilio_async)

log = logging.getLogger("payments")
app = FastAPI(title="payments")


class CustomerIn(BaseModel):
    email: str
    name: str


class ChargeIn(BaseModel):
    customer: str
    amount: int
    currency: str = "eur"
    payment_method: str


class RefundIn(BaseModel):
    intent_id: str
    notify_phone: str | None = None


@app.post("/customers")
async def create_customer(body: CustomerIn):
    customer = stripe.Customer.create(email=body.email, name=body.name)  # expect: BLK200
    record(customer.id, 0, "open")  # expect: BLK701
    return {"id": customer.id}


@app.post("/v2/customers")
async def create_customer_v2(body: CustomerIn):
    customer = await stripe.Customer.create_async(email=body.email, name=body.name)
    await asyncio.to_thread(record, customer.id, 0, "open")
    return {"id": customer.id}


@app.get("/customers/{cid}")
async def get_customer(cid: str):
    customer = stripe_client.customers.retrieve(cid)  # expect: BLK200
    return {"id": customer.id, "email": customer.email}


@app.get("/v2/customers/{cid}")
async def get_customer_v2(cid: str):
    customer = await stripe_client.customers.retrieve_async(cid)
    return {"id": customer.id, "email": customer.email}


@app.post("/charges")
async def charge(body: ChargeIn):
    intent = stripe.PaymentIntent.create(  # expect: BLK200
        amount=body.amount,
        currency=body.currency,
        customer=body.customer,
        payment_method=body.payment_method,
        confirm=True,
        idempotency_key=f"{body.customer}-{body.amount}-{body.payment_method}",
    )
    pending = session.execute_async(INSERT, (body.customer, 0, -body.amount, intent.id))
    publish_event("charge.created", {"id": intent.id, "amount": body.amount})
    pending.result()  # expect: BLK800
    return {"id": intent.id, "status": intent.status}


@app.post("/refunds")
async def refund(body: RefundIn):
    refund = stripe.Refund.create(payment_intent=body.intent_id)  # expect: BLK200
    publish_and_confirm("refund.created", {"id": refund.id, "intent": body.intent_id})  # expect: BLK601
    if body.notify_phone:
        twilio.messages.create(to=body.notify_phone, from_=SMS_FROM, body="Your refund is on its way.")  # expect: BLK200
    return {"id": refund.id}


@app.post("/v2/refunds")
async def refund_v2(body: RefundIn):
    refund = await stripe.Refund.create_async(payment_intent=body.intent_id)
    await run_in_threadpool(publish_and_confirm, "refund.created", {"id": refund.id})
    if body.notify_phone:
        await twilio_async.messages.create_async(to=body.notify_phone, from_=SMS_FROM, body="Refund sent.")
    return {"id": refund.id}


@app.get("/accounts/{account}/balance")
async def get_balance(account: str):
    return {"balance": str(balance(account))}  # expect: BLK701


@app.get("/v2/accounts/{account}/balance")
async def get_balance_v2(account: str):
    value = await run_in_threadpool(balance, account)
    return {"balance": str(value)}


@app.post("/webhooks/stripe")
async def stripe_webhook(request: Request):
    payload = await request.body()
    signature = request.headers.get("stripe-signature", "")
    try:
        event = stripe.Webhook.construct_event(payload, signature, WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError):
        raise HTTPException(status_code=400, detail="bad signature")
    if event["type"] == "payment_intent.succeeded":
        obj = event["data"]["object"]
        session.execute(INSERT, (obj["customer"], 0, obj["amount"], obj["id"]))  # expect: BLK700
    return {"received": True}


@app.post("/admin/reload")
async def admin_reload():
    reload_config()  # expect: BLK401
    return {"reloaded": True}


@app.on_event("shutdown")
async def drain_events():
    left = producer.flush(10)  # expect: BLK600
    if left:
        log.warning("%d payment events were not delivered", left)
