from datetime import datetime
from enum import Enum
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

EmbeddingModel = Literal["hash-256", "hash-1024"]


class GenerateRequest(BaseModel):
    prompt: str = Field(min_length=1, max_length=4000)
    max_tokens: int = Field(default=64, ge=1, le=512)
    temperature: float = Field(default=0.7, ge=0, le=2)


class Token(BaseModel):
    index: int
    text: str
    finish_reason: Literal["stop", "length"] | None = None


class Completion(BaseModel):
    text: str
    tokens: int
    finish_reason: Literal["stop", "length"]


class Document(BaseModel):
    id: UUID
    title: str
    filename: str
    content_type: str | None = None
    size: int
    sha256: str
    uploaded_at: datetime


class JobStatus(str, Enum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"


class JobCreate(BaseModel):
    kind: Literal["summarize", "translate"]
    document_ids: list[UUID] = Field(min_length=1)
    target_language: str | None = Field(default=None, pattern=r"^[a-z]{2}$")


class Job(JobCreate):
    id: UUID
    status: JobStatus
    created_at: datetime


class JobEvent(BaseModel):
    job_id: UUID
    status: JobStatus
    progress: float = Field(ge=0, le=1)
    message: str | None = None


class EmbeddingRequest(BaseModel):
    inputs: list[str] = Field(min_length=1, max_length=256)
    model: EmbeddingModel = "hash-256"


class EmbeddingResponse(BaseModel):
    model: EmbeddingModel
    dimensions: int
    vectors: list[list[float]]


class NotFound(BaseModel):
    detail: str


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    documents: int
    jobs: int
