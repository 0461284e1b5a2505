from sqlalchemy import Column, Integer, Numeric, String

from .database import Base


class Product(Base):
    __tablename__ = "products"
    id = Column(Integer, primary_key=True, index=True)
    name = Column(String, index=True)
    price = Column(Numeric(10, 2))
    stock = Column(Integer, default=0)
