"""Estimation API: prices B2B deals for the Node app.

An estimate is a customer, a deal stage and line items, each priced by one of three
pricing models (fixed fee, metered usage, graduated tiers). Totals are Decimal money,
computed server-side. Storage is in memory: this is an example sidecar, not a database.

Operation ids are FastAPI's defaults (`get_estimate_estimates__estimate_id__get`) on purpose.
"""

from datetime import UTC, datetime
from itertools import islice
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import FastAPI, HTTPException, Query

from .models import DealStage, Estimate, EstimateCreate, Health, NotFound, StageChange

app = FastAPI(title="Estimation API", version="1.0.0")

estimates: dict[UUID, Estimate] = {}

NOT_FOUND = {404: {"model": NotFound, "description": "No estimate with this id"}}


def find(estimate_id: UUID) -> Estimate:
    try:
        return estimates[estimate_id]
    except KeyError:
        raise HTTPException(404, f"estimate {estimate_id} not found") from None


@app.get("/health", tags=["health"])
def health() -> Health:
    return Health(version=app.version, estimates=len(estimates))


@app.post("/estimates", status_code=201, tags=["estimates"])
def create_estimate(body: EstimateCreate) -> Estimate:
    estimate = Estimate(**body.model_dump(), id=uuid4(), created_at=datetime.now(UTC))
    estimates[estimate.id] = estimate
    return estimate


@app.get("/estimates", tags=["estimates"])
def list_estimates(
    stage: DealStage | None = None,
    customer: Annotated[str | None, Query(max_length=200, description="Case-insensitive substring")] = None,
    tags: Annotated[list[str], Query(description="Estimates carrying all of these tags")] = [],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[Estimate]:
    matches = (
        e
        for e in sorted(estimates.values(), key=lambda e: e.created_at, reverse=True)
        if (stage is None or e.stage == stage)
        and (customer is None or customer.lower() in e.customer.lower())
        and set(tags) <= set(e.tags)
    )
    return list(islice(matches, limit))


@app.get("/estimates/{estimate_id}", tags=["estimates"], responses=NOT_FOUND)
def get_estimate(estimate_id: UUID) -> Estimate:
    return find(estimate_id)


@app.patch("/estimates/{estimate_id}/stage", tags=["estimates"], responses=NOT_FOUND)
def change_stage(estimate_id: UUID, body: StageChange) -> Estimate:
    updated = find(estimate_id).model_copy(update={"stage": body.stage, "updated_at": datetime.now(UTC)})
    estimates[estimate_id] = updated
    return updated


@app.delete("/estimates/{estimate_id}", status_code=204, tags=["estimates"], responses=NOT_FOUND)
def delete_estimate(estimate_id: UUID) -> None:
    find(estimate_id)
    del estimates[estimate_id]
