from typing import Generator, Optional

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

SQLALCHEMY_DATABASE_URL = "postgresql://shop:shop@db/shop"

engine = create_engine(SQLALCHEMY_DATABASE_URL, pool_pre_ping=True)
SessionLocal = sessionmaker(autocommit=False, autoflush=False, bind=engine)
Base = declarative_base()


def get_db() -> Generator[Session, None, None]:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


class ProductRepository:
    def __init__(self, db: Session):
        self.db = db

    def get(self, product_id: int) -> Optional["Product"]:
        from .models import Product
        return self.db.query(Product).filter(Product.id == product_id).first()

    def list(self, skip: int = 0, limit: int = 100):
        from .models import Product
        return self.db.query(Product).offset(skip).limit(limit).all()

    def add(self, product):
        self.db.add(product)
        self.db.commit()
        self.db.refresh(product)
        return product
