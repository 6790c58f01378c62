"""Content API: the Node app's text-generation sidecar.

It stands in for an LLM service without loading one: completions are deterministic word
salad streamed token by token (Server-Sent Events), uploaded documents feed batch jobs whose
progress streams as JSON Lines, and embeddings are unit vectors derived from a hash.
Everything lives in memory.

Operation ids are `<first tag>-<function name>` (`generation-stream_tokens`), a common
FastAPI convention that gives generated clients short method names.
"""

import asyncio
import hashlib
import math
import random
from collections.abc import AsyncIterable, Iterator
from datetime import UTC, datetime
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import BackgroundTasks, Depends, FastAPI, Form, HTTPException, UploadFile
from fastapi.sse import EventSourceResponse

from .contract_models import (
    Completion,
    Document,
    EmbeddingRequest,
    EmbeddingResponse,
    GenerateRequest,
    Health,
    Job,
    JobCreate,
    JobEvent,
    JobStatus,
    NotFound,
    Token,
)

app = FastAPI(
    title="Content API",
    version="1.0.0",
    generate_unique_id_function=lambda route: f"{route.tags[0]}-{route.name}",
)

# The contract's ids and timestamps are strings (uuid, date-time): they go out exactly as stored.
documents: dict[str, Document] = {}
jobs: dict[str, Job] = {}
job_events: dict[str, list[JobEvent]] = {}

WORDS = "the deal closes when pricing meets value and every stakeholder sees a clear path forward".split()
TOKEN_DELAY_S = 0.02
DIMENSIONS = {"hash-256": 256, "hash-1024": 1024}
TERMINAL: set[JobStatus] = {"succeeded", "failed"}


def now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def not_found(what: str) -> dict:
    return {404: {"model": NotFound, "description": f"No {what} with this id"}}


def fake_tokens(req: GenerateRequest) -> Iterator[Token]:
    # A string seed hashes the same in every process, so a prompt always yields the same text.
    rng = random.Random(f"{req.prompt}|{req.temperature}")
    natural_length = rng.randint(8, 40)
    stops = natural_length <= req.max_tokens
    length = min(natural_length, req.max_tokens)
    for index in range(length):
        text = rng.choice(WORDS) if index == 0 else " " + rng.choice(WORDS)
        if index < length - 1:
            yield Token(index=index, text=text)
        elif stops:
            yield Token(index=index, text=text + ".", finish_reason="stop")
        else:
            yield Token(index=index, text=text, finish_reason="length")


def embed(text: str, dimensions: int) -> list[float]:
    raw = hashlib.shake_256(text.encode()).digest(dimensions * 2)
    vector = [int.from_bytes(raw[i : i + 2], "big") / 32767.5 - 1 for i in range(0, len(raw), 2)]
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return [round(x / norm, 6) for x in vector]


def job_or_404(job_id: UUID) -> Job:
    if str(job_id) not in jobs:
        raise HTTPException(404, f"job {job_id} not found")
    return jobs[str(job_id)]


async def run_job(job: Job) -> None:
    def record(status: JobStatus, progress: float, message: str | None = None) -> None:
        jobs[job.id] = jobs[job.id].model_copy(update={"status": status})
        job_events[job.id].append(JobEvent(job_id=job.id, status=status, progress=progress, message=message))

    for done, document_id in enumerate(job.document_ids, start=1):
        await asyncio.sleep(0.1)  # stands in for the model call
        record("running", done / len(job.document_ids), f"{job.kind}: {documents[document_id].title}")
    record("succeeded", 1.0)


@app.get("/health", tags=["health"])
def health() -> Health:
    return Health(documents=len(documents), jobs=len(jobs))


@app.post("/generate", tags=["generation"])
def generate_text(body: GenerateRequest) -> Completion:
    tokens = list(fake_tokens(body))
    return Completion(text="".join(t.text for t in tokens), tokens=len(tokens), finish_reason=tokens[-1].finish_reason)


@app.post("/generate/stream", tags=["generation"], response_class=EventSourceResponse)
async def stream_tokens(body: GenerateRequest) -> AsyncIterable[Token]:
    for token in fake_tokens(body):
        await asyncio.sleep(TOKEN_DELAY_S)
        yield token


async def store_document(file: UploadFile, title: str) -> Document:
    content = await file.read()
    document = Document(
        id=str(uuid4()),
        title=title,
        filename=file.filename or "upload",
        content_type=file.content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_at=now(),
    )
    documents[document.id] = document
    return document


@app.post("/documents", status_code=201, tags=["documents"])
async def upload_document(file: UploadFile, title: Annotated[str, Form(min_length=1, max_length=200)]) -> Document:
    return await store_document(file, title)


@app.post("/documents/batch", status_code=201, tags=["documents"])
async def upload_documents(files: list[UploadFile]) -> list[Document]:
    return [await store_document(file, title=file.filename or "upload") for file in files]


@app.get("/documents/{document_id}", tags=["documents"], responses=not_found("document"))
def get_document(document_id: UUID) -> Document:
    if str(document_id) not in documents:
        raise HTTPException(404, f"document {document_id} not found")
    return documents[str(document_id)]


@app.post("/jobs", status_code=202, tags=["jobs"], responses=not_found("document"))
def create_job(body: JobCreate, background: BackgroundTasks) -> Job:
    missing = [str(d) for d in body.document_ids if d not in documents]
    if missing:
        raise HTTPException(404, f"documents not found: {', '.join(missing)}")
    job = Job(**body.model_dump(), id=str(uuid4()), status="queued", created_at=now())
    jobs[job.id] = job
    job_events[job.id] = [JobEvent(job_id=job.id, status=job.status, progress=0.0)]
    background.add_task(run_job, job)
    return job


@app.get("/jobs/{job_id}", tags=["jobs"], responses=not_found("job"))
def get_job(job: Annotated[Job, Depends(job_or_404)]) -> Job:
    return job


@app.get("/jobs/{job_id}/events", tags=["jobs"], responses=not_found("job"))
async def stream_job_events(job: Annotated[Job, Depends(job_or_404)]) -> AsyncIterable[JobEvent]:
    """Replays the job's events so far, then follows it until it finishes."""
    sent = 0
    while True:
        events = job_events[job.id]
        for event in events[sent:]:
            yield event
        sent = len(events)
        if events[-1].status in TERMINAL:
            return
        await asyncio.sleep(0.05)


@app.post("/embeddings", tags=["embeddings"])
def create_embeddings(body: EmbeddingRequest) -> EmbeddingResponse:
    dimensions = DIMENSIONS[body.model]
    return EmbeddingResponse(
        model=body.model,
        dimensions=dimensions,
        vectors=[embed(text, dimensions) for text in body.inputs],
    )
