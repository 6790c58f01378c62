from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field, computed_field, field_validator

# Money travels as Decimal so cents never drift; pydantic serializes it as a string,
# which is also what makes FastAPI split models into `-Input` / `-Output` schemas.
Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]

CENT = Decimal("0.01")


class DealStage(str, Enum):
    prospect = "prospect"
    qualified = "qualified"
    proposal = "proposal"
    negotiation = "negotiation"
    closed_won = "closed_won"
    closed_lost = "closed_lost"


class FixedPricing(BaseModel):
    """A flat fee per unit of the line item."""

    kind: Literal["fixed"]
    amount: Money


class UsagePricing(BaseModel):
    """Metered: a price per unit of usage times the expected usage."""

    kind: Literal["usage"]
    unit: str = Field(examples=["api_call", "gb_month"])
    unit_price: Money
    estimated_units: int = Field(ge=0)


class Tier(BaseModel):
    up_to: int | None = Field(default=None, gt=0, description="Inclusive upper bound; null means unbounded.")
    unit_price: Money


class TieredPricing(BaseModel):
    """Graduated tiers: each unit is billed at the price of the tier it falls in."""

    kind: Literal["tiered"]
    unit: str
    tiers: list[Tier] = Field(min_length=1)
    estimated_units: int = Field(ge=0)

    @field_validator("tiers")
    @classmethod
    def bounds_increase(cls, tiers: list[Tier]) -> list[Tier]:
        # An unbounded last tier guarantees every estimated unit gets a price.
        *bounded, last = [t.up_to for t in tiers]
        if last is not None or None in bounded:
            raise ValueError("the last tier, and only the last, must be unbounded (up_to: null)")
        if bounded != sorted(set(bounded)):
            raise ValueError("tier bounds must strictly increase")
        return tiers


PricingModel = Annotated[FixedPricing | UsagePricing | TieredPricing, Field(discriminator="kind")]


def unit_cost(pricing: PricingModel) -> Decimal:
    match pricing:
        case FixedPricing(amount=amount):
            return amount
        case UsagePricing(unit_price=price, estimated_units=units):
            return price * units
        case TieredPricing(tiers=tiers, estimated_units=units):
            cost, billed = Decimal(0), 0
            for tier in tiers:
                ceiling = units if tier.up_to is None else min(units, tier.up_to)
                cost += tier.unit_price * max(ceiling - billed, 0)
                billed = max(billed, ceiling)
            return cost


class LineItem(BaseModel):
    sku: str = Field(min_length=1, max_length=64, pattern=r"^[A-Z0-9-]+$")
    description: str | None = None
    quantity: int = Field(default=1, ge=1)
    pricing: PricingModel

    @computed_field
    @property
    def subtotal(self) -> Decimal:
        return (unit_cost(self.pricing) * self.quantity).quantize(CENT, ROUND_HALF_UP)


class EstimateCreate(BaseModel):
    customer: str = Field(min_length=1, max_length=200)
    stage: DealStage = DealStage.prospect
    currency: Literal["USD", "EUR", "GBP"] = "USD"
    discount_percent: Decimal = Field(default=Decimal(0), ge=0, le=100, decimal_places=2)
    line_items: list[LineItem] = Field(min_length=1)
    tags: list[str] = []
    notes: str | None = None


class Estimate(EstimateCreate):
    id: UUID
    created_at: datetime
    updated_at: datetime | None = None

    @computed_field
    @property
    def total(self) -> Decimal:
        gross = sum((item.subtotal for item in self.line_items), Decimal(0))
        return (gross * (100 - self.discount_percent) / 100).quantize(CENT, ROUND_HALF_UP)


class StageChange(BaseModel):
    stage: DealStage
    reason: str | None = Field(default=None, max_length=500)


class NotFound(BaseModel):
    detail: str


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    estimates: int
