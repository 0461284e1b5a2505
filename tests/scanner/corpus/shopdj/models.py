from django.contrib.auth.models import AbstractUser
from django.db import models


class Customer(AbstractUser):
    loyalty = models.IntegerField(default=0)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    paid = models.BooleanField(default=False)

    def mark_paid(self):
        self.paid = True
        self.save(update_fields=["paid"])


class OrderQueries:
    @staticmethod
    def open_orders(customer_id):
        return list(Order.objects.filter(customer_id=customer_id, paid=False))
