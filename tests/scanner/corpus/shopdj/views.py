from asgiref.sync import async_to_sync, sync_to_async
from django.contrib.auth.models import Group
from django.http import JsonResponse

from .models import Customer, Order, OrderQueries


@sync_to_async
def open_orders_async(customer_id):
    return OrderQueries.open_orders(customer_id)


async def order_detail(request, order_id):
    order = Order.objects.select_related("customer").get(pk=order_id)  # expect: BLK700
    same = await Order.objects.aget(pk=order_id)
    return JsonResponse({"id": order.pk, "same": same.pk})


async def pay(request, order_id):
    order = await Order.objects.aget(pk=order_id)
    order.mark_paid()  # expect: BLK701
    await order.asave()
    return JsonResponse({"ok": True})


async def stats(request):
    n = Order.objects.filter(paid=True).count()  # expect: BLK700
    vip = Customer.objects.filter(loyalty__gt=10).exists()  # expect: BLK700
    staff = Group.objects.get(name="staff")  # expect: BLK700
    mine = await open_orders_async(request.user.pk)
    also = OrderQueries.open_orders(request.user.pk)  # expect: BLK701
    return JsonResponse({"n": n, "vip": vip, "staff": staff.pk, "mine": len(mine), "also": len(also)})


async def legacy(request):
    return async_to_sync(order_detail)(request, 1)  # expect: BLK900
